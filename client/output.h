/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One code path for text and JSON, after iproute2's print_*(PRINT_ANY, ...):
 * each value is printed with its JSON key and its text format; which of the
 * two is used depends on the mode chosen once by out_init().
 */
#ifndef WSMON_OUTPUT_H
#define WSMON_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum output_kind {
	PRINT_FP = 1,		/* text only */
	PRINT_JSON = 2,		/* JSON only */
	PRINT_ANY = PRINT_FP | PRINT_JSON,
};

/* the version of doc/json.md the JSON follows: "schema" in every document */
#define WSMON_JSON_SCHEMA	1

void out_init(FILE *fp, bool json);
/* --pretty (indented JSON) and --bytes (text sizes as byte counts) */
void out_set_style(bool pretty, bool bytes);
/* end one JSON document of a stream (JSON lines); text: nothing */
void out_end_line(void);
/*
 * Make a string from outside (a command name, a path) safe to print: a
 * control character (C0, DEL, C1) or a byte that is not valid UTF-8
 * becomes '?', as procps does.  The length does not change.
 */
void text_sanitize(char *s);
bool out_is_json(void);
/* Finish the document: closes nothing, ends JSON with a newline. */
void out_finish(void);

/* JSON containers; key is NULL inside an array.  Text mode ignores them. */
void out_open_object(const char *key);
void out_close_object(void);
void out_open_array(const char *key);
void out_close_array(void);

void print_string(enum output_kind k, const char *key, const char *fmt,
		  const char *val);
void print_u64(enum output_kind k, const char *key, const char *fmt,
	       uint64_t val);
/* JSON: true or false; text: fmt with "yes" or "no". */
void print_bool(enum output_kind k, const char *key, const char *fmt, bool val);
void print_double(enum output_kind k, const char *key, const char *fmt,
		  double val);
/* JSON: the number of bytes; text: a human size such as "1.5 GiB". */
void print_size(enum output_kind k, const char *key, const char *fmt,
		uint64_t bytes);
/* JSON: null; text: fmt with "-" for the value. */
void print_null(enum output_kind k, const char *key, const char *fmt);
/* Text only: a literal string (no format). */
void print_text(const char *s);

/* "1.5 GiB" into buf (the byte count with --bytes); returns buf. */
char *format_size(char *buf, size_t len, uint64_t bytes);
/* "1.5 GiB" whatever --bytes says (plots' axes) */
char *format_size_human(char *buf, size_t len, uint64_t bytes);
/* The decimal digits of @v, written to end at @end (no NUL); where they start. */
char *u64_digits(char *end, uint64_t v);

#endif
