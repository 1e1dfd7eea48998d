/*
 * store/grow.h - for store/ only: growing an arena array a row at a time.
 * The old rows are copied (an arena never frees), so a list of n rows costs
 * at most twice its size.
 */
#ifndef XS_STORE_GROW_H
#define XS_STORE_GROW_H

#include <string.h>

#include "core/arena.h"

/*
 * Room for row n of *v (rows of size bytes, *cap of them allocated): the
 * row's address, zeroed, or NULL when out of memory.
 */
static inline void *
store_grow(arena *a, void **v, size_t n, size_t *cap, size_t size)
{
	if (n == *cap) {
		size_t more = *cap ? 2 * *cap : 32;
		char *w = arena_alloc(a, more * size);
		if (w == NULL)
			return NULL;
		if (n)
			memcpy(w, *v, n * size);
		*v = w;
		*cap = more;
	}
	memset((char *)*v + n * size, 0, size);
	return (char *)*v + n * size;
}

#endif
