// SPDX-License-Identifier: GPL-2.0
/* A bounded producer/consumer queue; see queue.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "queue.h"

int queue_init(struct queue *q, size_t size, size_t cap)
{
	memset(q, 0, sizeof(*q));
	q->items = calloc(cap, size);
	if (!q->items)
		return -ENOMEM;
	q->size = size;
	q->cap = cap;
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->nonempty, NULL);
	return 0;
}

void queue_destroy(struct queue *q)
{
	pthread_cond_destroy(&q->nonempty);
	pthread_mutex_destroy(&q->lock);
	free(q->items);
	q->items = NULL;
}

static void *slot(struct queue *q, size_t i)
{
	return (char *)q->items + (i % q->cap) * q->size;
}

bool queue_push(struct queue *q, const void *item)
{
	pthread_mutex_lock(&q->lock);
	if (q->closed) {
		pthread_mutex_unlock(&q->lock);
		return false;
	}
	if (q->count == q->cap) {
		q->head = (q->head + 1) % q->cap;
		q->count--;
		q->dropped++;
	}
	memcpy(slot(q, q->head + q->count), item, q->size);
	q->count++;
	pthread_cond_signal(&q->nonempty);
	pthread_mutex_unlock(&q->lock);
	return true;
}

bool queue_pop(struct queue *q, void *item)
{
	bool got = false;

	pthread_mutex_lock(&q->lock);
	while (!q->count && !q->closed)
		pthread_cond_wait(&q->nonempty, &q->lock);
	if (q->count) {
		memcpy(item, slot(q, q->head), q->size);
		q->head = (q->head + 1) % q->cap;
		q->count--;
		got = true;
	}
	pthread_mutex_unlock(&q->lock);
	return got;
}

void queue_close(struct queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->closed = true;
	pthread_cond_broadcast(&q->nonempty);
	pthread_mutex_unlock(&q->lock);
}
