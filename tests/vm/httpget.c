// SPDX-License-Identifier: GPL-2.0
/*
 * httpget: a minimal HTTP client for the export tests (busybox wget
 * crashes in the test VM).  Statically linked.
 *
 *   httpget IPV4 PORT [PATH [METHOD]]   send "METHOD PATH HTTP/1.0" (GET
 *                                       /metrics by default), print the
 *                                       whole response; exit 0 on 200
 *   httpget IPV4 PORT -raw              send stdin as it is, print the response
 *   httpget IPV4 PORT -silent SECONDS   connect, send nothing, hold it open
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	char buf[65536], req[512];
	ssize_t n;
	int fd, status = 0;

	if (argc < 3 || inet_pton(AF_INET, argv[1], &a.sin_addr) != 1) {
		fprintf(stderr, "usage: httpget IPV4 PORT [PATH [METHOD] | -raw | -silent S]\n");
		return 2;
	}
	a.sin_port = htons((unsigned short)atoi(argv[2]));
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		perror("httpget: connect");
		return 3;
	}
	if (argc > 3 && !strcmp(argv[3], "-silent")) {
		sleep(argc > 4 ? (unsigned int)atoi(argv[4]) : 10);
		return 0;
	}
	if (argc > 3 && !strcmp(argv[3], "-raw")) {
		while ((n = read(0, buf, sizeof(buf))) > 0)
			if (write(fd, buf, (size_t)n) != n)
				break;
	} else {
		n = snprintf(req, sizeof(req), "%s %s HTTP/1.0\r\nHost: %s\r\n\r\n",
			     argc > 4 ? argv[4] : "GET", argc > 3 ? argv[3] : "/metrics", argv[1]);
		if (write(fd, req, (size_t)n) != n)
			return 3;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		if (!status && n > 12)
			status = atoi(buf + 9);
		fwrite(buf, 1, (size_t)n, stdout);
	}
	close(fd);
	return status == 200 ? 0 : 1;
}
