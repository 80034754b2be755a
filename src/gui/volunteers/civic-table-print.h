/* civic-table-print.h — a plain black-and-white table printed with GtkPrintOperation
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CIVIC_TYPE_TABLE_PRINT (civic_table_print_get_type ())
G_DECLARE_FINAL_TYPE (CivicTablePrint, civic_table_print, CIVIC, TABLE_PRINT, GObject)

/* @widths are fractions of the page width, one per column. */
CivicTablePrint   *civic_table_print_new              (const char          *title,
                                                       guint                n_columns,
                                                       const char * const  *headers,
                                                       const double        *widths);
/* @cells holds n_columns strings (NULL prints nothing). */
void               civic_table_print_add_row          (CivicTablePrint     *self,
                                                       const char * const  *cells);
guint              civic_table_print_get_n_rows       (CivicTablePrint     *self);
const char        *civic_table_print_get_title        (CivicTablePrint     *self);
/* A new operation that prints the table, paginated, with the title and
 * the column headers on every page.
 */
GtkPrintOperation *civic_table_print_create_operation (CivicTablePrint     *self);

G_END_DECLS
