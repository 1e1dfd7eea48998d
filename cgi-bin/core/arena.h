/*
 * arena.h - per-request memory.
 *
 * Everything a request allocates comes from one arena; arena_free() releases
 * it all at once, after running the cleanups registered with arena_defer()
 * (temporary files, libxml2 documents) in reverse order of registration.
 * Allocation failure is reported as NULL; callers turn it into a 500.
 */
#ifndef XS_ARENA_H
#define XS_ARENA_H

#include <stddef.h>
#include <stdarg.h>

typedef struct arena arena;

/* Create an empty arena. Returns NULL when out of memory. Free with arena_free. */
arena *arena_new(void);

/* Run the deferred cleanups, release every block, and the arena itself. NULL is a no-op. */
void arena_free(arena *a);

/*
 * Allocate n bytes aligned for any type, zero-filled. Returns NULL when out of
 * memory or when n is absurd (over 1 GiB). The memory lives until arena_free.
 */
void *arena_alloc(arena *a, size_t n);

/* Copy n bytes of s and add a NUL. Returns NULL on out of memory. */
char *arena_strndup(arena *a, const char *s, size_t n);

/* Copy a NUL-terminated string (NULL gives NULL). */
char *arena_strdup(arena *a, const char *s);

/* printf into arena memory. Returns NULL on out of memory or format error. */
char *arena_printf(arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Register fn(arg) to run when the arena is freed. Returns 0, or -1 when out
 * of memory (in which case fn is called at once, so nothing leaks).
 */
int arena_defer(arena *a, void (*fn)(void *), void *arg);

/* Bytes handed out so far (for tests and limits). */
size_t arena_used(const arena *a);

#endif
