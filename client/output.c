// SPDX-License-Identifier: GPL-2.0
/* Text and JSON output through one set of print_*() calls. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

#include "output.h"

#define OUT_MAX_DEPTH 16

static struct {
	FILE *fp;
	bool json;
	bool pretty;	/* --pretty: indented JSON */
	bool bytes;	/* --bytes: sizes as raw byte counts in text */
	int depth;
	bool first[OUT_MAX_DEPTH];	/* no member printed yet at this depth */
	size_t len;			/* JSON waiting in buf */
	char buf[1 << 16];
} out = { .fp = NULL };

/*
 * JSON goes through a buffer of its own and leaves in large writes: a
 * dump of thousands of processes prints a few dozen members each, and a
 * stdio call per token cost more than the rest of `ps --json`.  Text
 * goes to the stream directly, as callers' own printf() does.
 */
static void json_flush(void)
{
	if (out.len && out.fp)
		fwrite(out.buf, 1, out.len, out.fp);
	out.len = 0;
}

static void jw(const void *s, size_t n)
{
	if (n > sizeof(out.buf) - out.len) {
		json_flush();
		if (n > sizeof(out.buf)) {
			fwrite(s, 1, n, out.fp);
			return;
		}
	}
	memcpy(out.buf + out.len, s, n);
	out.len += n;
}

static void jc(char c)
{
	jw(&c, 1);
}

static void js(const char *s)
{
	jw(s, strlen(s));
}

void out_init(FILE *fp, bool json)
{
	static bool registered;

	json_flush();
	if (!registered)
		registered = !atexit(json_flush);	/* a command that exits early */
	out.fp = fp;
	out.json = json;
	out.depth = 0;
	out.first[0] = true;
}

bool out_is_json(void)
{
	return out.json;
}

void out_set_style(bool pretty, bool bytes)
{
	out.pretty = pretty;
	out.bytes = bytes;
}

/* the length of the valid UTF-8 sequence at @p (1 to 4), or 0 */
static size_t utf8_len(const unsigned char *p)
{
	size_t n, i;
	uint32_t c;

	if (*p < 0x80)
		return 1;
	if (*p >= 0xc2 && *p <= 0xdf)
		n = 2, c = *p & 0x1f;
	else if (*p >= 0xe0 && *p <= 0xef)
		n = 3, c = *p & 0x0f;
	else if (*p >= 0xf0 && *p <= 0xf4)
		n = 4, c = *p & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	/* C1 controls (U+0080 to U+009F) act on terminals too */
	if (c >= 0x80 && c < 0xa0)
		return 0;
	return n;
}

void text_sanitize(char *s)
{
	unsigned char *p = (unsigned char *)s;
	size_t n;

	while (*p) {
		n = utf8_len(p);
		if (!n || *p < 0x20 || *p == 0x7f) {
			*p++ = '?';
			continue;
		}
		p += n;
	}
}

/* @s needs no JSON escape and no UTF-8 check: plain printable ASCII */
static bool json_plain(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++)
		if (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\')
			return false;
	*len = (size_t)(p - (const unsigned char *)s);
	return true;
}

/*
 * A JSON string: escapes as RFC 8259 asks, and a byte that is not valid
 * UTF-8 (a command name cut mid-character, a \377) becomes U+FFFD, so
 * that a parser never sees invalid text.
 */
static void json_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char buf[80];
	size_t n;

	if (json_plain(s, &n) && n < sizeof(buf) - 2) {
		buf[0] = '"';
		memcpy(buf + 1, s, n);
		buf[n + 1] = '"';
		jw(buf, n + 2);
		return;
	}
	jc('"');
	while (*p) {
		switch (*p) {
		case '"':
			js("\\\"");
			break;
		case '\\':
			js("\\\\");
			break;
		case '\n':
			js("\\n");
			break;
		case '\t':
			js("\\t");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				snprintf(buf, sizeof(buf), "\\u%04x", *p);
				js(buf);
				break;
			}
			n = utf8_len(p);
			if (!n) {
				js("\\ufffd");
				break;
			}
			jw(p, n);
			p += n;
			continue;
		}
		p++;
	}
	jc('"');
}

static void json_indent(int depth)
{
	jc('\n');
	while (depth-- > 0)
		js("  ");
}

/* the decimal digits of @v, ending at @end; returns where they start */
char *u64_digits(char *end, uint64_t v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}

/* Separator and key before a JSON member or array element. */
static void json_member(const char *key)
{
	if (!out.first[out.depth])
		jc(',');
	out.first[out.depth] = false;
	if (out.pretty && out.depth > 0)
		json_indent(out.depth);
	if (key) {
		json_string(key);
		js(out.pretty ? ": " : ":");
	}
}

/* A member whose value is plain text: a number, true, null. */
static void json_member_value(const char *key, const char *val, size_t vlen)
{
	json_member(key);
	jw(val, vlen);
}

static void json_u64(const char *key, uint64_t v)
{
	char buf[24];
	char *d = u64_digits(buf + sizeof(buf), v);

	json_member_value(key, d, (size_t)(buf + sizeof(buf) - d));
}

static void json_open(const char *key, char c)
{
	json_member(key);
	jc(c);
	if (out.depth < OUT_MAX_DEPTH - 1)
		out.depth++;
	out.first[out.depth] = true;
}

static void json_close(char c)
{
	if (out.pretty && !out.first[out.depth])
		json_indent(out.depth - 1);
	jc(c);
	if (out.depth > 0)
		out.depth--;
}

void out_open_object(const char *key)
{
	if (!out.json)
		return;
	json_open(key, '{');
	/* every document says which version of doc/json.md it follows */
	if (out.depth == 1)
		print_u64(PRINT_JSON, "schema", NULL, WSMON_JSON_SCHEMA);
}

void out_close_object(void)
{
	if (out.json)
		json_close('}');
}

void out_open_array(const char *key)
{
	if (out.json)
		json_open(key, '[');
}

void out_close_array(void)
{
	if (out.json)
		json_close(']');
}

void out_finish(void)
{
	if (out.json)
		jc('\n');
	json_flush();
	fflush(out.fp);
}

void out_end_line(void)
{
	if (out.json) {
		jc('\n');
		json_flush();
	}
	out.depth = 0;
	out.first[0] = true;	/* the next document stands alone */
}

static bool want_text(enum output_kind k)
{
	return !out.json && (k & PRINT_FP);
}

static bool want_json(enum output_kind k)
{
	return out.json && (k & PRINT_JSON);
}

void print_string(enum output_kind k, const char *key, const char *fmt,
		  const char *val)
{
	char safe[4096];

	if (want_json(k)) {
		json_member(key);
		json_string(val);
	} else if (want_text(k)) {
		snprintf(safe, sizeof(safe), "%s", val);
		text_sanitize(safe);
		fprintf(out.fp, fmt, safe);
	}
}

void print_u64(enum output_kind k, const char *key, const char *fmt,
	       uint64_t val)
{
	if (want_json(k))
		json_u64(key, val);
	else if (want_text(k))
		fprintf(out.fp, fmt, val);
}

void print_bool(enum output_kind k, const char *key, const char *fmt, bool val)
{
	if (want_json(k)) {
		json_member_value(key, val ? "true" : "false", val ? 4 : 5);
	} else if (want_text(k)) {
		fprintf(out.fp, fmt, val ? "yes" : "no");
	}
}

void print_double(enum output_kind k, const char *key, const char *fmt,
		  double val)
{
	if (want_json(k)) {
		if (val >= 0 && val < 1e6 && val == (double)(uint64_t)val) {
			/* what "%.6g" prints for a whole number below 1e6, cheaply */
			json_u64(key, (uint64_t)val);
		} else if (isfinite(val)) {
			char num[32];

			json_member(key);
			jw(num, (size_t)snprintf(num, sizeof(num), "%.6g", val));
		} else {
			json_member_value(key, "null", 4);
		}
	} else if (want_text(k)) {
		fprintf(out.fp, fmt, val);
	}
}

char *format_size(char *buf, size_t len, uint64_t bytes)
{
	if (out.bytes) {
		snprintf(buf, len, "%" PRIu64, bytes);
		return buf;
	}
	return format_size_human(buf, len, bytes);
}

char *format_size_human(char *buf, size_t len, uint64_t bytes)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
	double v = (double)bytes;
	unsigned int i = 0;

	while (v >= 1024.0 && i < sizeof(unit) / sizeof(unit[0]) - 1) {
		v /= 1024.0;
		i++;
	}
	if (i == 0)
		snprintf(buf, len, "%" PRIu64 " B", bytes);
	else
		snprintf(buf, len, "%.1f %s", v, unit[i]);
	return buf;
}

void print_size(enum output_kind k, const char *key, const char *fmt,
		uint64_t bytes)
{
	char buf[32];

	if (want_json(k)) {
		json_u64(key, bytes);
	} else if (want_text(k)) {
		if (out.bytes)
			snprintf(buf, sizeof(buf), "%" PRIu64, bytes);
		else
			format_size(buf, sizeof(buf), bytes);
		fprintf(out.fp, fmt, buf);
	}
}

void print_null(enum output_kind k, const char *key, const char *fmt)
{
	if (want_json(k)) {
		json_member_value(key, "null", 4);
	} else if (want_text(k)) {
		fprintf(out.fp, fmt, "-");
	}
}

void print_text(const char *s)
{
	if (!out.json)
		fputs(s, out.fp);
}
