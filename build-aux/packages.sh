# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Debian 12 packages Civic Desk needs, sourced by build-aux/run and
# build-aux/test.  NAME:COMMAND means "or COMMAND already on the PATH".

# To build and run the application and the command line.
BUILD_PACKAGES=(
  build-essential meson ninja-build pkg-config
  libgtk-4-dev libadwaita-1-dev libglib2.0-dev libsqlite3-dev libsoup-3.0-dev
  libjson-glib-dev libical-dev libsecret-1-dev libcsv-dev
  gettext desktop-file-utils appstream
  # The SVG loader draws the symbolic icons.
  librsvg2-common
)

# To run every test: a display, a session bus, a keyring, the sync server.
TEST_PACKAGES=(
  "${BUILD_PACKAGES[@]}"
  xvfb xauth dbus dbus-x11 xdotool imagemagick
  gnome-keyring libsecret-tools sqlite3
  nodejs:node npm:npm
  fonts-noto-cjk
)
