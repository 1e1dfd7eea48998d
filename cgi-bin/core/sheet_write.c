/* sheet_write.c - writing CSV and .xlsx (see sheet.h). Being written by the export work. */
#include "sheet.h"

enum sheet_result
sheet_write_xlsx(arena *a, const struct sheet_table *t, char **data, size_t *len)
{
	(void)a; (void)t; (void)data; (void)len;
	return SHEET_IO;
}

enum sheet_result
sheet_write_csv(arena *a, const struct sheet_table *t, char **data, size_t *len)
{
	(void)a; (void)t; (void)data; (void)len;
	return SHEET_IO;
}
