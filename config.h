/* config.h — build-wide definitions come from meson's project arguments
 * (GETTEXT_PACKAGE, LOCALEDIR, APP_ID, PACKAGE_VERSION); this header exists
 * so every .c can include it first, as GNOME code does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once
