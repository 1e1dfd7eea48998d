/* xlsx_peek.c - see xlsx_peek.h (tests only). */
#include "xlsx_peek.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include <stdlib.h>
#include <string.h>

static char *
read_entry(zip_t *z, const char *name, size_t *len)
{
	zip_stat_t st;
	zip_file_t *f;
	char *buf;

	if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return NULL;
	if ((f = zip_fopen(z, name, 0)) == NULL)
		return NULL;
	buf = malloc(st.size + 1);
	if (buf && zip_fread(f, buf, st.size) != (zip_int64_t)st.size) {
		free(buf);
		buf = NULL;
	}
	zip_fclose(f);
	if (buf) {
		buf[st.size] = '\0';
		*len = st.size;
	}
	return buf;
}

static int
is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0;
}

/* "BC12" -> col 54, row 11 (0-based). */
static int
parse_ref(const char *r, size_t *row, size_t *col)
{
	size_t c = 0, rr = 0;

	if (*r < 'A' || *r > 'Z')
		return -1;
	while (*r >= 'A' && *r <= 'Z')
		c = c * 26 + (size_t)(*r++ - 'A' + 1);
	while (*r >= '0' && *r <= '9')
		rr = rr * 10 + (size_t)(*r++ - '0');
	if (*r || rr == 0)
		return -1;
	*row = rr - 1;
	*col = c - 1;
	return 0;
}

static void
collect(xmlNodePtr n, xmlBufferPtr b)
{
	for (; n; n = n->next) {
		if (is(n, "t")) {
			xmlChar *t = xmlNodeGetContent(n);
			xmlBufferCat(b, t ? t : BAD_CAST "");
			xmlFree(t);
		} else if (is(n, "r"))
			collect(n->children, b);
	}
}

int
xlsx_peek(const void *data, size_t len, struct xlsx_peek *out)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	char *xml, **shared = NULL;
	size_t xlen, nshared = 0, maxr = 0, maxc = 0;
	xmlDocPtr doc;
	xmlNodePtr root, n, sd = NULL;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, len, 0, &ze)) == NULL)
		return -1;
	if ((z = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		zip_source_free(src);
		return -1;
	}
	if ((xml = read_entry(z, "xl/sharedStrings.xml", &xlen)) != NULL) {
		doc = xmlReadMemory(xml, (int)xlen, NULL, NULL, XML_PARSE_NONET);
		free(xml);
		root = doc ? xmlDocGetRootElement(doc) : NULL;
		for (n = root ? root->children : NULL; n; n = n->next)
			if (is(n, "si")) {
				xmlBufferPtr b = xmlBufferCreate();
				collect(n->children, b);
				shared = realloc(shared, (nshared + 1) * sizeof(*shared));
				shared[nshared++] = strdup((const char *)xmlBufferContent(b));
				xmlBufferFree(b);
			}
		xmlFreeDoc(doc);
	}
	if ((xml = read_entry(z, "xl/worksheets/sheet1.xml", &xlen)) == NULL)
		goto done;
	doc = xmlReadMemory(xml, (int)xlen, NULL, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
	free(xml);
	if (doc == NULL)
		goto done;
	root = xmlDocGetRootElement(doc);
	for (n = root->children; n; n = n->next)
		if (is(n, "sheetData"))
			sd = n;
	/* Two passes: the size, then the cells. */
	for (int pass = 0; pass < 2 && sd; pass++) {
		if (pass == 1) {
			out->nrows = maxr;
			out->ncols = maxc;
			out->text = calloc(maxr * maxc + 1, sizeof(*out->text));
			out->kind = calloc(maxr * maxc + 1, 1);
		}
		for (xmlNodePtr row = sd->children; row; row = row->next) {
			if (!is(row, "row"))
				continue;
			for (xmlNodePtr c = row->children; c; c = c->next) {
				xmlChar *ref, *t;
				size_t r, col;
				if (!is(c, "c"))
					continue;
				ref = xmlGetProp(c, BAD_CAST "r");
				if (ref == NULL || parse_ref((const char *)ref, &r, &col) != 0) {
					xmlFree(ref);
					continue;
				}
				xmlFree(ref);
				if (pass == 0) {
					if (r + 1 > maxr)
						maxr = r + 1;
					if (col + 1 > maxc)
						maxc = col + 1;
					continue;
				}
				t = xmlGetProp(c, BAD_CAST "t");
				for (xmlNodePtr v = c->children; v; v = v->next) {
					xmlChar *s;
					if (is(v, "f"))
						out->kind[r * maxc + col] = 'f';
					if (!is(v, "v") && !is(v, "is"))
						continue;
					s = xmlNodeGetContent(v);
					if (t && xmlStrcmp(t, BAD_CAST "s") == 0) {
						size_t k = (size_t)atol((const char *)s);
						out->text[r * maxc + col] = strdup(k < nshared ? shared[k] : "");
						out->kind[r * maxc + col] = 's';
					} else {
						out->text[r * maxc + col] = strdup((const char *)s);
						if (out->kind[r * maxc + col] != 'f')
							out->kind[r * maxc + col] = t ? 's' : 'n';
					}
					xmlFree(s);
				}
				xmlFree(t);
			}
		}
	}
	for (n = root->children; n; n = n->next) {
		if (is(n, "mergeCells"))
			for (xmlNodePtr m = n->children; m; m = m->next)
				if (is(m, "mergeCell")) {
					xmlChar *ref = xmlGetProp(m, BAD_CAST "ref");
					size_t old = out->merged ? strlen(out->merged) : 0;
					out->merged = realloc(out->merged, old + strlen((char *)ref) + 2);
					if (old)
						out->merged[old++] = ' ';
					strcpy(out->merged + old, (char *)ref);
					xmlFree(ref);
				}
		if (is(n, "sheetViews"))
			for (xmlNodePtr v = n->children; v; v = v->next)
				for (xmlNodePtr p = is(v, "sheetView") ? v->children : NULL; p; p = p->next)
					if (is(p, "pane")) {
						xmlChar *y = xmlGetProp(p, BAD_CAST "ySplit");
						out->frozen_rows = y ? atoi((const char *)y) : 0;
						xmlFree(y);
					}
	}
	xmlFreeDoc(doc);
	rc = out->text != NULL || sd != NULL ? 0 : -1;
done:
	for (size_t i = 0; i < nshared; i++)
		free(shared[i]);
	free(shared);
	zip_close(z);
	return rc;
}

const char *
xlsx_peek_cell(const struct xlsx_peek *x, size_t row, size_t col, char *kind)
{
	if (kind)
		*kind = 0;
	if (row >= x->nrows || col >= x->ncols || x->text == NULL || x->text[row * x->ncols + col] == NULL)
		return "";
	if (kind)
		*kind = x->kind[row * x->ncols + col];
	return x->text[row * x->ncols + col];
}

void
xlsx_peek_free(struct xlsx_peek *x)
{
	for (size_t i = 0; x->text && i < x->nrows * x->ncols; i++)
		free(x->text[i]);
	free(x->text);
	free(x->kind);
	free(x->merged);
	memset(x, 0, sizeof(*x));
}
