/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A strict JSON reader (RFC 8259, valid UTF-8 only) that walks one or
 * more documents (JSON lines) and reports each value with its path.  For
 * wsmon report, which reads what wsmon record wrote, and for the test
 * that holds every command's JSON to doc/json.md.
 */
#ifndef WSMON_JSONREAD_H
#define WSMON_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>

enum json_type { JSON_OBJECT, JSON_ARRAY, JSON_STRING, JSON_NUMBER, JSON_BOOL, JSON_NULL };

struct json_event {
	const char *path;	/* "a.b", "a[]" for an element; "" for a document */
	enum json_type type;
	bool end;		/* an object or array closes (else: it opens, or a scalar) */
	const char *raw;	/* a scalar's text as written (a string with its quotes) */
	size_t len;
	int depth;		/* 0: the document itself */
	int line;		/* where it is, from 1 */
};

/* Return non-zero to stop the walk (json_walk returns it). */
typedef int (*json_fn)(const struct json_event *e, void *arg);

/*
 * Walk every document in @text (NUL-terminated), each a value separated
 * by white space.  0; the callback's non-zero; or -1 on a syntax error,
 * described in @err ("line 3: ...").
 */
int json_walk(const char *text, json_fn fn, void *arg, char *err, size_t errlen);

/* A string token (with its quotes) decoded into @buf as UTF-8; its length. */
size_t json_unescape(const char *raw, size_t len, char *buf, size_t size);

const char *json_type_name(enum json_type t);

#endif
