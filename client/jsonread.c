// SPDX-License-Identifier: GPL-2.0
/* A strict JSON reader; see jsonread.h. */
#include <ctype.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "jsonread.h"

#define JSON_MAX_DEPTH	32
#define JSON_MAX_PATH	512

struct jr {
	const char *p;
	int line;
	json_fn fn;
	void *arg;
	int stop;		/* what the callback returned */
	int docs;
	char *err;
	size_t errlen;
	jmp_buf fail;
};

static void __attribute__((noreturn)) jr_fail(struct jr *r, const char *what)
{
	char near[17];
	int i;

	/* what follows, on one line and printable, whatever the input holds */
	for (i = 0; i < 16 && r->p[i] && r->p[i] != '\n'; i++)
		near[i] = r->p[i] >= 0x20 && r->p[i] < 0x7f ? r->p[i] : '?';
	near[i] = '\0';
	snprintf(r->err, r->errlen, "line %d: %s%s%s%s", r->line, what,
		 i ? " near '" : " at the end", near, i ? "'" : "");
	longjmp(r->fail, 1);
}

static void jr_ws(struct jr *r)
{
	while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r') {
		if (*r->p == '\n')
			r->line++;
		r->p++;
	}
}

static void jr_emit(struct jr *r, const char *path, enum json_type t, bool end,
		    const char *raw, size_t len, int depth)
{
	struct json_event e = {
		.path = path, .type = t, .end = end, .raw = raw, .len = len,
		.depth = depth, .line = r->line,
	};

	if (!r->stop)
		r->stop = r->fn(&e, r->arg);
	if (r->stop)
		longjmp(r->fail, 2);
}

/* one UTF-8 sequence, as RFC 3629 allows it */
static void jr_utf8(struct jr *r)
{
	const unsigned char *s = (const unsigned char *)r->p;
	unsigned int n, i;
	uint32_t c;

	if (*s < 0x80) {
		r->p++;
		return;
	}
	if (*s >= 0xc2 && *s <= 0xdf)
		n = 2, c = *s & 0x1f;
	else if (*s >= 0xe0 && *s <= 0xef)
		n = 3, c = *s & 0x0f;
	else if (*s >= 0xf0 && *s <= 0xf4)
		n = 4, c = *s & 0x07;
	else
		jr_fail(r, "invalid UTF-8");
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			jr_fail(r, "invalid UTF-8");
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		jr_fail(r, "invalid UTF-8");
	r->p += n;
}

static void jr_string(struct jr *r)
{
	int i;

	if (*r->p != '"')
		jr_fail(r, "expected a string");
	r->p++;
	while (*r->p != '"') {
		if (!*r->p)
			jr_fail(r, "unterminated string");
		if ((unsigned char)*r->p < 0x20)
			jr_fail(r, "raw control character in a string");
		if (*r->p != '\\') {
			jr_utf8(r);
			continue;
		}
		r->p++;
		if (*r->p && strchr("\"\\/bfnrt", *r->p)) {
			r->p++;
		} else if (*r->p == 'u') {
			for (i = 1; i <= 4; i++)
				if (!isxdigit((unsigned char)r->p[i]))
					jr_fail(r, "bad \\u escape");
			r->p += 5;
		} else {
			jr_fail(r, "bad escape");
		}
	}
	r->p++;
}

static void jr_digits(struct jr *r, const char *what)
{
	if (!isdigit((unsigned char)*r->p))
		jr_fail(r, what);
	while (isdigit((unsigned char)*r->p))
		r->p++;
}

static void jr_number(struct jr *r)
{
	if (*r->p == '-')
		r->p++;
	if (*r->p == '0')
		r->p++;
	else
		jr_digits(r, "bad number");
	if (*r->p == '.') {
		r->p++;
		jr_digits(r, "bad fraction");
	}
	if (*r->p == 'e' || *r->p == 'E') {
		r->p++;
		if (*r->p == '+' || *r->p == '-')
			r->p++;
		jr_digits(r, "bad exponent");
	}
}

static void jr_value(struct jr *r, char *path, size_t plen, int depth);

static void jr_object(struct jr *r, char *path, size_t plen, int depth)
{
	const char *key;
	size_t klen;

	r->p++;
	jr_ws(r);
	if (*r->p == '}') {
		r->p++;
		return;
	}
	for (;;) {
		jr_ws(r);
		key = r->p + 1;
		jr_string(r);
		klen = (size_t)(r->p - 1 - key);
		if (plen + klen + 2 >= JSON_MAX_PATH)
			jr_fail(r, "path too long");
		if (plen)
			path[plen] = '.';
		memcpy(path + plen + (plen ? 1 : 0), key, klen);
		path[plen + (plen ? 1 : 0) + klen] = '\0';
		jr_ws(r);
		if (*r->p++ != ':')
			jr_fail(r, "expected ':'");
		jr_ws(r);
		jr_value(r, path, plen + (plen ? 1 : 0) + klen, depth + 1);
		path[plen] = '\0';
		jr_ws(r);
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (*r->p++ != '}')
			jr_fail(r, "expected ',' or '}'");
		return;
	}
}

static void jr_array(struct jr *r, char *path, size_t plen, int depth)
{
	if (plen + 3 >= JSON_MAX_PATH)
		jr_fail(r, "path too long");
	memcpy(path + plen, "[]", 3);
	r->p++;
	jr_ws(r);
	if (*r->p == ']') {
		r->p++;
		path[plen] = '\0';
		return;
	}
	for (;;) {
		jr_ws(r);
		jr_value(r, path, plen + 2, depth + 1);
		path[plen + 2] = '\0';
		jr_ws(r);
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (*r->p++ != ']')
			jr_fail(r, "expected ',' or ']'");
		path[plen] = '\0';
		return;
	}
}

static void jr_value(struct jr *r, char *path, size_t plen, int depth)
{
	const char *start = r->p;
	enum json_type t;

	if (depth > JSON_MAX_DEPTH)
		jr_fail(r, "nested too deep");
	switch (*r->p) {
	case '{':
		jr_emit(r, path, JSON_OBJECT, false, start, 1, depth);
		jr_object(r, path, plen, depth);
		path[plen] = '\0';
		jr_emit(r, path, JSON_OBJECT, true, NULL, 0, depth);
		return;
	case '[':
		jr_emit(r, path, JSON_ARRAY, false, start, 1, depth);
		jr_array(r, path, plen, depth);
		path[plen] = '\0';
		jr_emit(r, path, JSON_ARRAY, true, NULL, 0, depth);
		return;
	case '"':
		t = JSON_STRING;
		jr_string(r);
		break;
	case 't':
	case 'f':
		t = JSON_BOOL;
		if (!strncmp(r->p, "true", 4))
			r->p += 4;
		else if (!strncmp(r->p, "false", 5))
			r->p += 5;
		else
			jr_fail(r, "bad literal");
		break;
	case 'n':
		t = JSON_NULL;
		if (strncmp(r->p, "null", 4))
			jr_fail(r, "bad literal");
		r->p += 4;
		break;
	default:
		t = JSON_NUMBER;
		jr_number(r);
	}
	jr_emit(r, path, t, false, start, (size_t)(r->p - start), depth);
}

/* setjmp lives here, so that nothing it could clobber is local to it */
static int jr_run(struct jr *r, char *path)
{
	switch (setjmp(r->fail)) {
	case 1:
		return -1;
	case 2:
		return r->stop;
	}
	for (;;) {
		jr_ws(r);
		if (!*r->p)
			break;
		jr_value(r, path, 0, 0);
		r->docs++;
	}
	if (!r->docs) {
		snprintf(r->err, r->errlen, "no JSON document");
		return -1;
	}
	return 0;
}

int json_walk(const char *text, json_fn fn, void *arg, char *err, size_t errlen)
{
	char path[JSON_MAX_PATH] = "";
	struct jr r = { .p = text, .line = 1, .fn = fn, .arg = arg, .err = err, .errlen = errlen };

	return jr_run(&r, path);
}

static int hex4(const char *s)
{
	int v = 0, i, c;

	for (i = 0; i < 4; i++) {
		c = s[i];
		v = v * 16 + (isdigit(c) ? c - '0' : (tolower(c) - 'a' + 10));
	}
	return v;
}

size_t json_unescape(const char *raw, size_t len, char *buf, size_t size)
{
	const char *p = raw + 1, *end = raw + len - 1;	/* inside the quotes */
	size_t n = 0;
	int c;

	if (!size)
		return 0;
	while (p < end && n + 4 < size) {
		if (*p != '\\') {
			buf[n++] = *p++;
			continue;
		}
		p++;
		switch (*p) {
		case 'n': buf[n++] = '\n'; break;
		case 't': buf[n++] = '\t'; break;
		case 'r': buf[n++] = '\r'; break;
		case 'b': buf[n++] = '\b'; break;
		case 'f': buf[n++] = '\f'; break;
		case 'u':
			c = hex4(p + 1);
			p += 4;
			/* the BMP only: wsmon writes nothing else escaped */
			if (c < 0x80) {
				buf[n++] = (char)c;
			} else if (c < 0x800) {
				buf[n++] = (char)(0xc0 | c >> 6);
				buf[n++] = (char)(0x80 | (c & 0x3f));
			} else {
				buf[n++] = (char)(0xe0 | c >> 12);
				buf[n++] = (char)(0x80 | ((c >> 6) & 0x3f));
				buf[n++] = (char)(0x80 | (c & 0x3f));
			}
			break;
		default:
			buf[n++] = *p;
		}
		p++;
	}
	buf[n] = '\0';
	return n;
}

const char *json_type_name(enum json_type t)
{
	static const char *const names[] = {
		[JSON_OBJECT] = "object", [JSON_ARRAY] = "array", [JSON_STRING] = "string",
		[JSON_NUMBER] = "number", [JSON_BOOL] = "bool", [JSON_NULL] = "null",
	};

	return names[t];
}
