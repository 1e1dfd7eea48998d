/* strings.c - see strings.h */
#include "strings.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <stdio.h>
#include <string.h>

/* Kept for the life of the process, like the compiled stylesheets. */
static xmlDocPtr doc;
static char doc_dir[4096];

const char *
strings_get(const char *xsl_dir, const char *key)
{
	xmlNodePtr root, n;

	if (xsl_dir == NULL || key == NULL)
		return NULL;
	if (doc == NULL || strcmp(doc_dir, xsl_dir) != 0) {
		char path[4200];
		if (doc != NULL)
			xmlFreeDoc(doc);
		doc = NULL;
		snprintf(doc_dir, sizeof(doc_dir), "%s", xsl_dir);
		if ((size_t)snprintf(path, sizeof(path), "%s/strings.zh-CN.xml", xsl_dir) < sizeof(path))
			doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	}
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL)
		return NULL;
	for (n = root->children; n != NULL; n = n->next) {
		xmlChar *k;
		int match;
		if (n->type != XML_ELEMENT_NODE || xmlStrcmp(n->name, BAD_CAST "s") != 0)
			continue;
		k = xmlGetProp(n, BAD_CAST "k");
		match = k != NULL && xmlStrcmp(k, BAD_CAST key) == 0;
		xmlFree(k);
		if (match)
			return n->children && n->children->content ?
			    (const char *)n->children->content : "";
	}
	return NULL;
}

const char *
strings_word(const char *xsl_dir, const char *key)
{
	const char *v = strings_get(xsl_dir, key);

	return v != NULL ? v : key;
}
