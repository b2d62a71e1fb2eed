#!/bin/sh
# Put the unpacked accomp folder on the system (run as root from inside the folder),
# or for one user with --user. Nothing is downloaded; the folder itself stays where
# it was unpacked (e.g. /opt/accomp, which users cannot write: accomp keeps its data in
# each user's data folder, ~/.local/share/accomp).
#   sudo ./install.sh          -> /usr/local/bin/accomp, menu entry and icons for all
#   ./install.sh --user        -> ~/.local/bin/accomp, menu entry and icons for you
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = "--user" ]; then
    prefix="${XDG_DATA_HOME:-$HOME/.local/share}"; bin="$HOME/.local/bin"
else
    prefix=/usr/local/share; bin=/usr/local/bin
fi
mkdir -p "$bin" "$prefix/applications"
ln -sf "$here/accomp" "$bin/accomp"
sed "s|^Exec=accomp|Exec=$here/accomp|" "$here/share/applications/accomp.desktop" \
    > "$prefix/applications/accomp.desktop"
for icon in "$here"/share/icons/hicolor/*/apps/accomp.*; do
    size=$(basename "$(dirname "$(dirname "$icon")")")
    mkdir -p "$prefix/icons/hicolor/$size/apps"
    cp "$icon" "$prefix/icons/hicolor/$size/apps/"
done
echo "accomp installed: $bin/accomp and the menu entry 'accomp'."
