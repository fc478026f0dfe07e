// SPDX-License-Identifier: GPL-2.0
/* Text and JSON output through one set of print_*() calls. */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "output.h"

#define OUT_MAX_DEPTH 16

static struct {
	FILE *fp;
	bool json;
	int depth;
	bool first[OUT_MAX_DEPTH];	/* no member printed yet at this depth */
} out = { .fp = NULL };

void out_init(FILE *fp, bool json)
{
	out.fp = fp;
	out.json = json;
	out.depth = 0;
	out.first[0] = true;
}

bool out_is_json(void)
{
	return out.json;
}

static void json_string(const char *s)
{
	const unsigned char *p;

	fputc('"', out.fp);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out.fp);
			break;
		case '\\':
			fputs("\\\\", out.fp);
			break;
		case '\n':
			fputs("\\n", out.fp);
			break;
		case '\t':
			fputs("\\t", out.fp);
			break;
		default:
			if (*p < 0x20)
				fprintf(out.fp, "\\u%04x", *p);
			else
				fputc(*p, out.fp);
		}
	}
	fputc('"', out.fp);
}

/* Separator and key before a JSON member or array element. */
static void json_member(const char *key)
{
	if (!out.first[out.depth])
		fputc(',', out.fp);
	out.first[out.depth] = false;
	if (key) {
		json_string(key);
		fputc(':', out.fp);
	}
}

static void json_open(const char *key, char c)
{
	json_member(key);
	fputc(c, out.fp);
	if (out.depth < OUT_MAX_DEPTH - 1)
		out.depth++;
	out.first[out.depth] = true;
}

static void json_close(char c)
{
	fputc(c, out.fp);
	if (out.depth > 0)
		out.depth--;
}

void out_open_object(const char *key)
{
	if (out.json)
		json_open(key, '{');
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
		fputc('\n', out.fp);
	fflush(out.fp);
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
	if (want_json(k)) {
		json_member(key);
		json_string(val);
	} else if (want_text(k)) {
		fprintf(out.fp, fmt, val);
	}
}

void print_u64(enum output_kind k, const char *key, const char *fmt,
	       uint64_t val)
{
	if (want_json(k)) {
		json_member(key);
		fprintf(out.fp, "%" PRIu64, val);
	} else if (want_text(k)) {
		fprintf(out.fp, fmt, val);
	}
}

void print_bool(enum output_kind k, const char *key, const char *fmt, bool val)
{
	if (want_json(k)) {
		json_member(key);
		fputs(val ? "true" : "false", out.fp);
	} else if (want_text(k)) {
		fprintf(out.fp, fmt, val ? "yes" : "no");
	}
}

void print_double(enum output_kind k, const char *key, const char *fmt,
		  double val)
{
	if (want_json(k)) {
		json_member(key);
		if (isfinite(val))
			fprintf(out.fp, "%.6g", val);
		else
			fputs("null", out.fp);
	} else if (want_text(k)) {
		fprintf(out.fp, fmt, val);
	}
}

char *format_size(char *buf, size_t len, uint64_t bytes)
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
		json_member(key);
		fprintf(out.fp, "%" PRIu64, bytes);
	} else if (want_text(k)) {
		fprintf(out.fp, fmt, format_size(buf, sizeof(buf), bytes));
	}
}

void print_null(enum output_kind k, const char *key, const char *fmt)
{
	if (want_json(k)) {
		json_member(key);
		fputs("null", out.fp);
	} else if (want_text(k)) {
		fprintf(out.fp, fmt, "-");
	}
}

void print_text(const char *s)
{
	if (!out.json)
		fputs(s, out.fp);
}
