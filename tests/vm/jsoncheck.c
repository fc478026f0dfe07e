// SPDX-License-Identifier: GPL-2.0
/*
 * jsoncheck: hold wsmon's JSON to its contract, doc/json.md.  It reads
 * with client/jsonread.c (RFC 8259, strict UTF-8), not with the printer it
 * checks.  Statically linked.
 *
 *   jsoncheck DOC COMMAND < OUTPUT   every document in OUTPUT (one, or JSON
 *                                    lines) parses, carries "schema", and
 *                                    each of its keys is listed under
 *                                    "## COMMAND" in DOC with its type
 *   jsoncheck DOC --doc              DOC itself: a key name has one type
 *                                    everywhere (null aside)
 *   jsoncheck --paths < OUTPUT       print each key path and its type
 *
 * Paths: "a.b" for a member, "a[]" for an array's elements; digits in a key
 * read as N ("w10" is "wN").  A DOC row is "| `PATH` | TYPE | meaning |"
 * where TYPE is number, string, bool, null, object or array, or several
 * joined by "|" escaped as "\|" in the table.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"

#define MAX_ROWS	2048
#define MAX_PATH	256

struct row {
	char cmd[32];
	char path[MAX_PATH];
	unsigned int types;	/* a bit per enum json_type */
	bool seen;
};

#define T_NULL		(1u << JSON_NULL)
#define NR_TYPES	(JSON_NULL + 1)

static struct row rows[MAX_ROWS];
static int nrows;
static const char *cmd;
static bool print_paths;
static int errors;

static unsigned int type_bit(const char *name, size_t len)
{
	const char *n;
	int i;

	for (i = 0; i < NR_TYPES; i++) {
		n = json_type_name((enum json_type)i);
		if (strlen(n) == len && !strncmp(n, name, len))
			return 1u << i;
	}
	return 0;
}

static void type_str(unsigned int t, char *buf, size_t len)
{
	int i;

	buf[0] = '\0';
	for (i = 0; i < NR_TYPES; i++)
		if (t & (1u << i))
			snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", buf[0] ? "|" : "",
				 json_type_name((enum json_type)i));
}

static void seen(const char *path, unsigned int t)
{
	char want[64], got[64];
	int i;

	if (print_paths) {
		type_str(t, got, sizeof(got));
		printf("%s %s\n", path, got);
		return;
	}
	for (i = 0; i < nrows; i++) {
		if (strcmp(rows[i].cmd, cmd) || strcmp(rows[i].path, path))
			continue;
		rows[i].seen = true;
		if (rows[i].types & t)
			return;
		type_str(rows[i].types, want, sizeof(want));
		type_str(t, got, sizeof(got));
		fprintf(stderr, "jsoncheck: %s: %s is %s, documented as %s\n", cmd, path, got, want);
		errors++;
		return;
	}
	type_str(t, got, sizeof(got));
	fprintf(stderr, "jsoncheck: %s: %s (%s) is not in the documentation\n", cmd, path, got);
	errors++;
}

static int doc_line;

/* "w10" is "wN", "avg300" is "avgN" */
static void normalise(const char *path, char *out, size_t len)
{
	size_t j = 0;

	for (; *path && j < len - 1; path++) {
		if (isdigit((unsigned char)*path)) {
			out[j++] = 'N';
			while (isdigit((unsigned char)path[1]))
				path++;
		} else {
			out[j++] = *path;
		}
	}
	out[j] = '\0';
}

static bool has_schema;
static int docs;

static int on_value(const struct json_event *e, void *arg)
{
	char path[MAX_PATH];

	(void)arg;
	if (e->depth == 0) {
		if (e->type != JSON_OBJECT) {
			fprintf(stderr, "jsoncheck: %s: line %d: a document is not an object\n",
				cmd ? cmd : "-", e->line);
			errors++;
		} else if (!e->end) {
			has_schema = false;
			doc_line = e->line;
		} else {
			docs++;
			if (!has_schema && !print_paths) {
				fprintf(stderr, "jsoncheck: %s: line %d: a document without \"schema\"\n",
					cmd, doc_line);
				errors++;
			}
		}
		return 0;
	}
	if (e->end)
		return 0;
	if (e->depth == 1 && !strcmp(e->path, "schema"))
		has_schema = true;
	normalise(e->path, path, sizeof(path));
	seen(path, 1u << e->type);
	return 0;
}

static char *slurp(FILE *f)
{
	size_t n = 0, cap = 1 << 16;
	char *buf = malloc(cap);

	while (buf) {
		n += fread(buf + n, 1, cap - n - 1, f);
		if (n < cap - 1)
			break;
		cap *= 2;
		buf = realloc(buf, cap);
	}
	if (!buf) {
		fprintf(stderr, "jsoncheck: out of memory\n");
		exit(2);
	}
	buf[n] = '\0';
	if (strlen(buf) != n) {
		fprintf(stderr, "jsoncheck: a NUL byte in the input\n");
		exit(1);
	}
	return buf;
}

/* the rows of DOC: "## CMD" headings, then "| `PATH` | TYPES | ..." */
static void read_doc(const char *file)
{
	char l[1024], section[32] = "", *p, *q;
	unsigned int t, b;
	FILE *f = fopen(file, "r");

	if (!f) {
		perror(file);
		exit(2);
	}
	while (fgets(l, sizeof(l), f)) {
		if (!strncmp(l, "## ", 3)) {
			snprintf(section, sizeof(section), "%.*s", (int)strcspn(l + 3, " \n"), l + 3);
			continue;
		}
		if (strncmp(l, "| `", 3) || !section[0])
			continue;
		p = l + 3;
		q = strchr(p, '`');
		if (!q || nrows == MAX_ROWS)
			continue;
		snprintf(rows[nrows].cmd, sizeof(rows[nrows].cmd), "%s", section);
		snprintf(rows[nrows].path, sizeof(rows[nrows].path), "%.*s", (int)(q - p), p);
		p = strchr(q, '|');
		if (!p)
			continue;
		p++;
		t = 0;
		for (;;) {
			while (*p == ' ' || *p == '\\')
				p++;
			q = p;
			while (isalpha((unsigned char)*q))
				q++;
			b = type_bit(p, (size_t)(q - p));
			if (!b) {
				fprintf(stderr, "jsoncheck: %s: %s: bad type '%.*s'\n", file,
					rows[nrows].path, (int)strcspn(p, " |\n"), p);
				exit(2);
			}
			t |= b;
			p = q;
			while (*p == ' ')
				p++;
			if (p[0] == '\\' && p[1] == '|') {
				p += 2;
				continue;
			}
			break;
		}
		rows[nrows++].types = t;
	}
	fclose(f);
}

/* a key name has one type everywhere in DOC, null aside */
static int check_doc(void)
{
	const char *a, *b;
	char ta[64], tb[64];
	int i, j, bad = 0;

	for (i = 0; i < nrows; i++) {
		a = strrchr(rows[i].path, '.');
		a = a ? a + 1 : rows[i].path;
		for (j = i + 1; j < nrows; j++) {
			b = strrchr(rows[j].path, '.');
			b = b ? b + 1 : rows[j].path;
			if (strcmp(a, b) || ((rows[i].types ^ rows[j].types) & ~T_NULL) == 0)
				continue;
			type_str(rows[i].types, ta, sizeof(ta));
			type_str(rows[j].types, tb, sizeof(tb));
			fprintf(stderr, "jsoncheck: '%s' is %s in %s (%s) but %s in %s (%s)\n", a, ta,
				rows[i].cmd, rows[i].path, tb, rows[j].cmd, rows[j].path);
			bad++;
		}
	}
	printf("jsoncheck: %d documented keys, %s\n", nrows, bad ? "types differ" : "one type each");
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	char *buf, err[256];
	int i;

	if (argc == 2 && !strcmp(argv[1], "--paths")) {
		print_paths = true;
	} else if (argc == 3) {
		read_doc(argv[1]);
		if (!strcmp(argv[2], "--doc"))
			return check_doc();
		cmd = argv[2];
		for (i = 0; i < nrows && strcmp(rows[i].cmd, cmd); i++)
			;
		if (i == nrows) {
			fprintf(stderr, "jsoncheck: no section '## %s' in %s\n", cmd, argv[1]);
			return 2;
		}
	} else {
		fprintf(stderr, "usage: jsoncheck DOC COMMAND|--doc < JSON, or jsoncheck --paths < JSON\n");
		return 2;
	}
	buf = slurp(stdin);
	if (json_walk(buf, on_value, NULL, err, sizeof(err))) {
		fprintf(stderr, "jsoncheck: %s: %s\n", cmd ? cmd : "-", err);
		return 1;
	}
	if (!print_paths)
		printf("jsoncheck: %s: %d document%s, %d error%s\n", cmd, docs, docs == 1 ? "" : "s",
		       errors, errors == 1 ? "" : "s");
	free(buf);
	return errors ? 1 : 0;
}
