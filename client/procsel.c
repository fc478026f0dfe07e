// SPDX-License-Identifier: GPL-2.0
/* Selecting and ordering processes as ps and top do (procsel.h). */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "procsel.h"

void procsel_init(struct procsel *s)
{
	memset(s, 0, sizeof(*s));
	s->sort = PS_SORT_WSS;
}

int procsel_add_pids(struct procsel *s, const char *cmd, const char *arg)
{
	size_t had = s->npids;	/* a bad list adds none of its PIDs */
	const char *p = arg;
	char *end;
	long v;

	do {
		errno = 0;
		v = strtol(p, &end, 10);
		if (end == p || (*end && *end != ',') || errno || v < 1 || v > INT32_MAX) {
			wsmon_error("%s: -p takes PIDs separated by commas, such as 1,42, not '%s'",
				    cmd, arg);
			s->npids = had;
			return -EINVAL;
		}
		if (s->npids == PROCSEL_MAX_PIDS) {
			wsmon_error("%s: -p takes at most %d PIDs", cmd, PROCSEL_MAX_PIDS);
			s->npids = had;
			return -EINVAL;
		}
		s->pids[s->npids++] = (uint32_t)v;
		p = end + 1;
	} while (*end == ',');
	return 0;
}

int procsel_set_user(struct procsel *s, const char *cmd, const char *arg)
{
	struct passwd *pw;
	char *end;
	long v;

	pw = *arg ? getpwnam(arg) : NULL;
	if (pw) {
		s->uid = (uint32_t)pw->pw_uid;
	} else {
		errno = 0;
		v = strtol(arg, &end, 10);
		if (!*arg || *end || errno || v < 0 || v > UINT32_MAX - 1L) {
			wsmon_error("%s: -u takes a user name or UID; no user '%s'", cmd, arg);
			return -EINVAL;
		}
		s->uid = (uint32_t)v;
	}
	s->by_uid = true;
	return 0;
}

int procsel_set_sort(struct procsel *s, const char *cmd, const char *arg)
{
	bool minus = arg[0] == '-';

	if (ps_sort_parse(arg + minus, &s->sort)) {
		wsmon_error("%s: unknown sort key '%s' (pid, comm, rss, wss, knee, swap, majflt, minflt; -KEY reverses)",
			    cmd, arg);
		return -EINVAL;
	}
	/* -s -KEY and --reverse each turn the order around; both: back again */
	s->reverse ^= minus;
	return 0;
}

int procsel_option(struct procsel *s, const char *cmd, int c, const char *arg)
{
	int err;

	switch (c) {
	case 'p':
		err = procsel_add_pids(s, cmd, arg);
		break;
	case 'u':
		err = procsel_set_user(s, cmd, arg);
		break;
	case 's':
		err = procsel_set_sort(s, cmd, arg);
		break;
	case 'r':
		s->reverse = !s->reverse;
		err = 0;
		break;
	default:
		return 0;
	}
	return err ? err : 1;
}

static bool procsel_has_pid(const struct procsel *s, uint32_t pid)
{
	size_t i;

	for (i = 0; i < s->npids; i++)
		if (s->pids[i] == pid)
			return true;
	return false;
}

size_t procsel_filter(const struct procsel *s, struct wsmon_proc *v, size_t n)
{
	size_t i, k = 0;

	if (!s->npids && !s->by_uid)
		return n;
	for (i = 0; i < n; i++) {
		if (s->npids && !procsel_has_pid(s, v[i].pid))
			continue;
		if (s->by_uid && v[i].uid != s->uid)
			continue;
		if (k != i)
			v[k] = v[i];
		k++;
	}
	return k;
}

void procsel_order(const struct procsel *s, struct wsmon_proc *v, size_t n)
{
	struct wsmon_proc t;
	size_t i;

	if (!s->reverse)
		return;
	for (i = 0; i < n / 2; i++) {
		t = v[i];
		v[i] = v[n - 1 - i];
		v[n - 1 - i] = t;
	}
}

uint32_t procsel_missing(const struct procsel *s, const struct wsmon_proc *v, size_t n)
{
	size_t i, j;

	for (i = 0; i < s->npids; i++) {
		for (j = 0; j < n; j++)
			if (v[j].pid == s->pids[i])
				break;
		if (j == n)
			return s->pids[i];
	}
	return 0;
}
