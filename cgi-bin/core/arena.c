/* arena.c - see arena.h */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define ARENA_BLOCK 8192
#define ARENA_MAX_ALLOC ((size_t)1 << 30)

struct block {
	struct block *next;
	size_t size, used;
	max_align_t data[];
};

struct cleanup {
	struct cleanup *next;
	void (*fn)(void *);
	void *arg;
};

struct arena {
	struct block *head;
	struct cleanup *cleanups;
	size_t total;
};

arena *
arena_new(void)
{
	return calloc(1, sizeof(arena));
}

void
arena_free(arena *a)
{
	struct block *b, *next;
	struct cleanup *c;

	if (a == NULL)
		return;
	/* Cleanups may reference arena memory: run them first. */
	while ((c = a->cleanups) != NULL) {
		a->cleanups = c->next;
		c->fn(c->arg);
		free(c);
	}
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *
arena_alloc(arena *a, size_t n)
{
	struct block *b;
	size_t align = sizeof(max_align_t), need, bsize;
	void *p;

	if (n > ARENA_MAX_ALLOC)
		return NULL;
	if (n == 0)
		n = 1;
	need = (n + align - 1) / align * align;
	b = a->head;
	if (b == NULL || b->size - b->used < need) {
		bsize = need > ARENA_BLOCK ? need : ARENA_BLOCK;
		b = malloc(sizeof(struct block) + bsize);
		if (b == NULL)
			return NULL;
		b->size = bsize;
		b->used = 0;
		if (a->head != NULL && need > ARENA_BLOCK) {
			/* A big block goes behind the current one, which keeps its free space. */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += need;
	a->total += need;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(arena *a, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX)
		return NULL;
	p = arena_alloc(a, n + 1);
	if (p == NULL)
		return NULL;
	if (n > 0)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

char *
arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	p = arena_alloc(a, (size_t)n + 1);
	if (p == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

int
arena_defer(arena *a, void (*fn)(void *), void *arg)
{
	struct cleanup *c = malloc(sizeof(*c));

	if (c == NULL) {
		fn(arg);
		return -1;
	}
	c->fn = fn;
	c->arg = arg;
	c->next = a->cleanups;
	a->cleanups = c;
	return 0;
}

size_t
arena_used(const arena *a)
{
	return a->total;
}
