/* civic-file-chooser.h — ask for one file on behalf of a widget
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called only when the person chose a file and @owner still exists. */
typedef void (*CivicFileChosenFunc) (GtkWidget *owner,
                                     GFile     *file,
                                     gpointer   user_data);

/* Shows a modal GtkFileChooserNative over @owner's window.  @filter and
 * @current_name (for saving) may be %NULL.  The chooser keeps only a weak
 * reference to @owner, so closing the page first is safe; @destroy frees
 * @user_data once the chooser is gone, whatever was answered.
 */
void civic_choose_file (GtkWidget            *owner,
                        GtkFileChooserAction  action,
                        const char           *title,
                        const char           *accept_label,
                        GtkFileFilter        *filter,
                        const char           *current_name,
                        CivicFileChosenFunc   func,
                        gpointer              user_data,
                        GDestroyNotify        destroy);

/* "CSV files": what the roster and legislator imports accept (.csv, and
 * the .txt Excel saves as "Unicode Text").  Transfer full.
 */
GtkFileFilter *civic_csv_file_filter (void);

G_END_DECLS
