/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bounded queue between two threads (pthreads): the producer never
 * blocks; when the queue is full the oldest item is dropped and counted.
 */
#ifndef WSMON_QUEUE_H
#define WSMON_QUEUE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

struct queue {
	pthread_mutex_t lock;
	pthread_cond_t nonempty;
	void *items;
	size_t size, cap, head, count;
	unsigned long dropped;
	bool closed;
};

/* @cap items of @size bytes each; 0 or -ENOMEM */
int queue_init(struct queue *q, size_t size, size_t cap);
void queue_destroy(struct queue *q);

/* Add a copy of @item; drops the oldest when full.  False once closed. */
bool queue_push(struct queue *q, const void *item);

/* Wait for an item and copy it out; false when closed and empty. */
bool queue_pop(struct queue *q, void *item);

/* Wake every waiter; pops drain what is left, then fail. */
void queue_close(struct queue *q);

#endif
