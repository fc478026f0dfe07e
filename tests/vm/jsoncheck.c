// SPDX-License-Identifier: GPL-2.0
/*
 * jsoncheck: hold wsmon's JSON to its contract, doc/json.md.  A parser of
 * its own (RFC 8259, strict UTF-8), so that the check does not rest on the
 * printer it checks.  Statically linked.
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

#define MAX_ROWS	2048
#define MAX_PATH	256

struct row {
	char cmd[32];
	char path[MAX_PATH];
	unsigned int types;	/* bit per type */
	bool seen;
};

enum { T_NUMBER = 1, T_STRING = 2, T_BOOL = 4, T_NULL = 8, T_OBJECT = 16, T_ARRAY = 32 };
static const char *const type_names[] = { "number", "string", "bool", "null", "object", "array" };

static struct row rows[MAX_ROWS];
static int nrows;
static const char *cmd;
static bool print_paths;
static int errors;

static const char *in;	/* the parser's position */
static int line = 1;

static void fail(const char *what)
{
	fprintf(stderr, "jsoncheck: %s: line %d: %s near '%.20s'\n", cmd ? cmd : "-", line, what, in);
	exit(1);
}

static void ws(void)
{
	while (*in == ' ' || *in == '\t' || *in == '\n' || *in == '\r') {
		if (*in == '\n')
			line++;
		in++;
	}
}

static unsigned int type_bit(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (strlen(type_names[i]) == len && !strncmp(type_names[i], name, len))
			return 1u << i;
	return 0;
}

static void type_str(unsigned int t, char *buf, size_t len)
{
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (t & (1u << i))
			snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", buf[0] ? "|" : "",
				 type_names[i]);
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

/* one UTF-8 sequence at in; fails on anything RFC 3629 forbids */
static void utf8(void)
{
	const unsigned char *p = (const unsigned char *)in;
	unsigned int c, n, i;

	if (*p < 0x80) {
		in++;
		return;
	}
	if (*p >= 0xc2 && *p <= 0xdf)
		n = 2, c = *p & 0x1f;
	else if (*p >= 0xe0 && *p <= 0xef)
		n = 3, c = *p & 0x0f;
	else if (*p >= 0xf0 && *p <= 0xf4)
		n = 4, c = *p & 0x07;
	else
		fail("invalid UTF-8");
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			fail("invalid UTF-8");
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		fail("invalid UTF-8");
	in += n;
}

/* a string; its text (escapes kept) into buf, if given */
static void string(char *buf, size_t len)
{
	const char *start;
	size_t n;
	int i;

	if (*in != '"')
		fail("expected a string");
	start = ++in;
	while (*in != '"') {
		if (!*in)
			fail("unterminated string");
		if ((unsigned char)*in < 0x20)
			fail("raw control character in a string");
		if (*in == '\\') {
			in++;
			if (strchr("\"\\/bfnrt", *in) && *in) {
				in++;
			} else if (*in == 'u') {
				for (i = 1; i <= 4; i++)
					if (!isxdigit((unsigned char)in[i]))
						fail("bad \\u escape");
				in += 5;
			} else {
				fail("bad escape");
			}
			continue;
		}
		utf8();
	}
	n = (size_t)(in - start);
	if (buf) {
		if (n >= len)
			fail("key too long");
		memcpy(buf, start, n);
		buf[n] = '\0';
	}
	in++;
}

static void number(void)
{
	if (*in == '-')
		in++;
	if (*in == '0')
		in++;
	else if (*in >= '1' && *in <= '9')
		while (isdigit((unsigned char)*in))
			in++;
	else
		fail("bad number");
	if (*in == '.') {
		in++;
		if (!isdigit((unsigned char)*in))
			fail("bad fraction");
		while (isdigit((unsigned char)*in))
			in++;
	}
	if (*in == 'e' || *in == 'E') {
		in++;
		if (*in == '+' || *in == '-')
			in++;
		if (!isdigit((unsigned char)*in))
			fail("bad exponent");
		while (isdigit((unsigned char)*in))
			in++;
	}
}

static void value(const char *path, int depth);

static void member_path(char *out, size_t len, const char *path, const char *key)
{
	char k[MAX_PATH];
	size_t i, j = 0;

	/* digits read as N: "w10" is "wN", "avg300" is "avgN" */
	for (i = 0; key[i] && j < sizeof(k) - 2; i++) {
		if (isdigit((unsigned char)key[i])) {
			k[j++] = 'N';
			while (isdigit((unsigned char)key[i + 1]))
				i++;
		} else {
			k[j++] = key[i];
		}
	}
	k[j] = '\0';
	snprintf(out, len, "%s%s%s", path, *path ? "." : "", k);
}

static void object(const char *path, int depth)
{
	char key[MAX_PATH], sub[MAX_PATH * 2];
	bool schema = false;

	in++;
	ws();
	if (*in == '}') {
		in++;
		goto done;
	}
	for (;;) {
		ws();
		string(key, sizeof(key));
		if (depth == 0 && !strcmp(key, "schema"))
			schema = true;
		member_path(sub, sizeof(sub), path, key);
		ws();
		if (*in++ != ':')
			fail("expected ':'");
		ws();
		value(sub, depth + 1);
		ws();
		if (*in == ',') {
			in++;
			continue;
		}
		if (*in++ != '}')
			fail("expected ',' or '}'");
		break;
	}
done:
	if (depth == 0 && !schema && !print_paths) {
		fprintf(stderr, "jsoncheck: %s: line %d: a document without \"schema\"\n", cmd, line);
		errors++;
	}
}

static void array(const char *path, int depth)
{
	char sub[MAX_PATH + 4];

	snprintf(sub, sizeof(sub), "%s[]", path);
	in++;
	ws();
	if (*in == ']') {
		in++;
		return;
	}
	for (;;) {
		ws();
		value(sub, depth + 1);
		ws();
		if (*in == ',') {
			in++;
			continue;
		}
		if (*in++ != ']')
			fail("expected ',' or ']'");
		return;
	}
}

static void value(const char *path, int depth)
{
	unsigned int t;

	if (depth > 32)
		fail("nested too deep");
	switch (*in) {
	case '{':
		t = T_OBJECT;
		break;
	case '[':
		t = T_ARRAY;
		break;
	case '"':
		t = T_STRING;
		break;
	case 't':
	case 'f':
		t = T_BOOL;
		break;
	case 'n':
		t = T_NULL;
		break;
	default:
		t = T_NUMBER;
	}
	if (*path)
		seen(path, t);
	switch (t) {
	case T_OBJECT:
		object(path, depth);
		break;
	case T_ARRAY:
		array(path, depth);
		break;
	case T_STRING:
		string(NULL, 0);
		break;
	case T_BOOL:
		if (!strncmp(in, "true", 4))
			in += 4;
		else if (!strncmp(in, "false", 5))
			in += 5;
		else
			fail("bad literal");
		break;
	case T_NULL:
		if (strncmp(in, "null", 4))
			fail("bad literal");
		in += 4;
		break;
	default:
		number();
	}
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
	if (strlen(buf) != n)
		fail("a NUL byte in the input");
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
	char *buf;
	int docs = 0, i;

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
	in = buf;
	for (;;) {
		ws();
		if (!*in)
			break;
		if (*in != '{')
			fail("a document is not an object");
		value("", 0);
		docs++;
	}
	if (!docs)
		fail("no JSON document");
	if (!print_paths)
		printf("jsoncheck: %s: %d document%s, %d error%s\n", cmd, docs, docs == 1 ? "" : "s",
		       errors, errors == 1 ? "" : "s");
	free(buf);
	return errors ? 1 : 0;
}
