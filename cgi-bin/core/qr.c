/* core/qr.c - see core/qr.h */
#include "core/qr.h"
#include "core/render.h"

#include <qrencode.h>

xmlNodePtr
qr_xml(xmlNodePtr parent, const char *text)
{
	QRcode *q;
	xmlNodePtr n;

	if (parent == NULL || text == NULL || *text == '\0')
		return NULL;
	if ((q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M)) == NULL)
		return NULL;
	if ((n = xml_node(parent, "qr")) == NULL) {
		QRcode_free(q);
		return NULL;
	}
	xml_attr_int(n, "size", q->width);
	xml_attr(n, "text", text);
	for (int y = 0; y < q->width; y++) {
		int x = 0;
		while (x < q->width) {
			int start;
			if (!(q->data[y * q->width + x] & 1)) {
				x++;
				continue;
			}
			start = x;
			while (x < q->width && (q->data[y * q->width + x] & 1))
				x++;
			{
				xmlNodePtr m = xml_node(n, "m");
				if (m == NULL) {
					QRcode_free(q);
					return NULL;
				}
				xml_attr_int(m, "x", start);
				xml_attr_int(m, "y", y);
				xml_attr_int(m, "w", x - start);
			}
		}
	}
	QRcode_free(q);
	return n;
}
