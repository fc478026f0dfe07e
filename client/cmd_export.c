// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon export: the figures for Prometheus.  --listen serves GET /metrics
 * over HTTP, one client at a time: a request of at most 4 KiB, read
 * within 5 s, and nothing but GET /metrics is served.  --textfile writes
 * DIR/wsmon.prom atomically (a temporary file renamed over it) for
 * node_exporter's textfile collector, every sample or once.  Each scrape
 * asks the module afresh; when it is not loaded, wsmon_up is 0.
 */
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include "cgroup.h"
#include "cli.h"
#include "metrics.h"
#include "options.h"
#include "output.h"

#define EXPORT_REQ_MAX	4096
#define EXPORT_TIMEOUT	5	/* seconds a client has to send or take */

static volatile sig_atomic_t export_stop;

static void on_signal(int sig)
{
	(void)sig;
	export_stop = 1;
}

/* The whole scrape into a malloc'ed buffer (*len bytes). */
static char *scrape(int top, size_t *len)
{
	struct wsmon_stats st;
	struct proc_list l = { 0 };
	struct kill_req none;
	struct cg_sum *g = NULL;
	struct wsmon_nl nl;
	char *buf = NULL;
	int ng = 0;
	FILE *f;

	f = open_memstream(&buf, len);
	if (!f)
		return NULL;
	if (wsmon_nl_open(&nl)) {
		fputs("# HELP wsmon_up 1 when the module answered this scrape.\n"
		      "# TYPE wsmon_up gauge\nwsmon_up 0\n", f);
		fclose(f);
		return buf;
	}
	if (wsmon_get_stats(&nl, &st) || proc_dump(&nl, false, &l)) {
		fputs("# HELP wsmon_up 1 when the module answered this scrape.\n"
		      "# TYPE wsmon_up gauge\nwsmon_up 0\n", f);
	} else {
		memset(&none, 0, sizeof(none));
		g = calloc(l.n + 1, sizeof(*g));
		if (g)
			ng = cg_sum_procs(l.v, (int)l.n, &none, st.demand_window, "/proc", g,
					  (int)l.n + 1);
		metrics_write(f, &st, l.v, l.n, top, g, ng);
	}
	wsmon_nl_close(&nl);
	free(g);
	proc_list_free(&l);
	fclose(f);
	return buf;
}

static void reply(int c, const char *status, const char *type, const char *body, size_t len)
{
	char head[256];
	int n;

	n = snprintf(head, sizeof(head),
		     "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
		     "Connection: close\r\n%s\r\n", status, type, len,
		     !strncmp(status, "405", 3) ? "Allow: GET\r\n" : "");
	if (send(c, head, (size_t)n, MSG_NOSIGNAL) == n)
		send(c, body, len, MSG_NOSIGNAL);
}

static void serve_one(int c, int top)
{
	struct timeval tv = { .tv_sec = EXPORT_TIMEOUT };
	char req[EXPORT_REQ_MAX + 1], method[16], path[256];
	size_t got = 0, len;
	ssize_t r;
	char *body;

	setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	while (got < EXPORT_REQ_MAX) {
		r = recv(c, req + got, EXPORT_REQ_MAX - got, 0);
		if (r <= 0)
			return;		/* closed, or too slow: drop it */
		got += (size_t)r;
		req[got] = '\0';
		if (strstr(req, "\r\n\r\n") || strstr(req, "\n\n"))
			break;
	}
	if (got == EXPORT_REQ_MAX) {
		reply(c, "431 Request Header Fields Too Large", "text/plain", "too large\n", 10);
		return;
	}
	if (sscanf(req, "%15s %255s", method, path) != 2) {
		reply(c, "400 Bad Request", "text/plain", "bad request\n", 12);
		return;
	}
	if (strcmp(method, "GET")) {
		reply(c, "405 Method Not Allowed", "text/plain", "GET only\n", 9);
		return;
	}
	if (strcmp(path, "/metrics")) {
		reply(c, "404 Not Found", "text/plain", "only /metrics\n", 14);
		return;
	}
	body = scrape(top, &len);
	if (!body) {
		reply(c, "500 Internal Server Error", "text/plain", "out of memory\n", 14);
		return;
	}
	reply(c, "200 OK", "text/plain; version=0.0.4; charset=utf-8", body, len);
	free(body);
}

/*
 * "ADDR:PORT", "[ADDR6]:PORT" or node_exporter's ":PORT" (every
 * address), PORT 1 to 65535, into @ai; false with a message.
 */
static bool listen_parse(const char *spec, struct addrinfo **ai)
{
	char host[128], *port, *end;
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV };
	long n;
	int err;

	snprintf(host, sizeof(host), "%s", spec);
	port = strrchr(host, ':');
	if (!port) {
		wsmon_error("export: --listen takes ADDR:PORT or :PORT, not '%s'", spec);
		return false;
	}
	*port++ = '\0';
	n = strtol(port, &end, 10);
	if (!*port || *end || n < 1 || n > 65535) {
		wsmon_error("export: --listen '%s': the port must be 1 to 65535", spec);
		return false;
	}
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	err = getaddrinfo(*host ? host : NULL, port, &hints, ai);
	if (err) {
		wsmon_error("export: --listen '%s': %s", spec, gai_strerror(err));
		return false;
	}
	return true;
}

/* A socket listening on @ai; -1 with a message */
static int listen_on(const char *spec, struct addrinfo *ai)
{
	int fd, one = 1;

	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0) {
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, 16)) {
			wsmon_error("export: cannot listen on %s: %s", spec, strerror(errno));
			close(fd);
			fd = -1;
		}
	} else {
		wsmon_error("export: socket: %s", strerror(errno));
	}
	return fd;
}

static int write_textfile(const char *dir, int top)
{
	char tmp[4096], dst[4096];
	size_t len;
	char *body = scrape(top, &len);
	FILE *f;
	int err = 0;

	if (!body)
		return -ENOMEM;
	snprintf(dst, sizeof(dst), "%s/wsmon.prom", dir);
	snprintf(tmp, sizeof(tmp), "%s/.wsmon.prom.%d", dir, (int)getpid());
	f = fopen(tmp, "we");
	if (!f || fwrite(body, 1, len, f) != len || fclose(f)) {
		err = -errno;
		if (f)
			fclose(f);
	} else if (rename(tmp, dst)) {
		err = -errno;
	}
	if (err)
		unlink(tmp);
	free(body);
	return err;
}

int cmd_export(struct wsmon_opts *opts, int argc, char **argv)
{
	const struct cli_desc *d = cli_desc_find("export");
	struct cli_parse cp = { .started = 0 };
	const char *listen_spec = NULL, *dir = NULL;
	struct sigaction sa = { .sa_handler = on_signal };
	struct addrinfo *ai = NULL;
	struct wsmon_stats st;
	struct wsmon_nl nl;
	bool once = false;
	int c, fd, err, top = 20;
	char *end;
	long v;

	while ((c = cli_getopt(&cp, d, opts, argc, argv)) >= 0) {
		switch (c) {
		case 'l':
			listen_spec = optarg;
			break;
		case 't':
			dir = optarg;
			break;
		case 'o':
			once = true;
			break;
		case 'n':
			v = strtol(optarg, &end, 10);
			if (*end || v < 0 || v > 1000) {
				wsmon_error("export: --top takes 0 to 1000 processes, not '%s'", optarg);
				return WSMON_EXIT_USAGE;
			}
			top = (int)v;
			break;
		}
	}
	if (c != CLI_END)
		return c == CLI_HELP ? WSMON_EXIT_OK : WSMON_EXIT_USAGE;
	if (optind < argc) {
		wsmon_error("export: unexpected argument '%s'", argv[optind]);
		return WSMON_EXIT_USAGE;
	}
	if (!!listen_spec == !!dir) {
		wsmon_error("export: needs one of --listen ADDR:PORT or --textfile DIR");
		return WSMON_EXIT_USAGE;
	}
	if (listen_spec && !listen_parse(listen_spec, &ai))
		return WSMON_EXIT_USAGE;
	sigaction(SIGINT, &sa, NULL);	/* no SA_RESTART: accept() returns */
	sigaction(SIGTERM, &sa, NULL);
	if (dir) {
		do {
			err = write_textfile(dir, top);
			if (err) {
				wsmon_error("export: cannot write %s/wsmon.prom: %s", dir, strerror(-err));
				return WSMON_EXIT_FAIL;
			}
			if (once)
				break;
			/* once a sample; the module's period, or 1 s without it */
			st.sample_ms = 1000;
			if (!wsmon_nl_open(&nl)) {
				if (wsmon_get_stats(&nl, &st))
					st.sample_ms = 1000;
				wsmon_nl_close(&nl);
			}
			usleep(st.sample_ms * 1000);
		} while (!export_stop);
		return WSMON_EXIT_OK;
	}
	fd = listen_on(listen_spec, ai);
	freeaddrinfo(ai);
	if (fd < 0)
		return WSMON_EXIT_FAIL;
	while (!export_stop) {
		c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0)
			continue;	/* EINTR (a signal), or a client gone already */
		serve_one(c, top);
		close(c);
	}
	close(fd);
	return WSMON_EXIT_OK;
}
