#!/usr/bin/env bash
# Install fablab-kiosk on Debian 12 (bookworm) or 13 (trixie), from this checkout.
#
#   sudo packaging/install.sh                         a kiosk: the screen at the door
#   sudo packaging/install.sh --server                the central server (SQLite)
#   sudo packaging/install.sh --server --postgresql   the central server on PostgreSQL
#
# Run it again at any time: it changes only what is missing or out of date, and never
# touches the data (configuration, database, backups, tokens). To update: get the new
# version of the checkout (git pull), then run it again. docs/install.md walks through it.
set -euo pipefail

VENV=/opt/fablab-kiosk/venv
PROGRAM=$VENV/bin/fablab-kiosk
DATA_DIR=/var/lib/fablab-kiosk
SERVER_DATA_DIR=/var/lib/fablab-kiosk-server
ETC_DIR=/etc/fablab-kiosk
SERVER_ENV=$ETC_DIR/server.env
KIOSK_USER=fablab
SERVER_USER=fablab-server
SERVER_PORT=8750
SERVER_WAIT_S=30
UNIT_DIR=/etc/systemd/system
UDEV_RULE=/etc/udev/rules.d/90-fablab-kiosk-backlight.rules
COMMAND=/usr/local/bin/fablab-kiosk
SYSTEMD_RUN_DIR=/run/systemd/system
OS_RELEASE=/etc/os-release
GRUB_DEFAULT=/etc/default/grub
PI_CMDLINE=/boot/firmware/cmdline.txt

BUILD_DIR=""
trap 'rm -rf "$BUILD_DIR"' EXIT

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CHECKOUT=$(dirname "$HERE")

# The kiosk screen: the compositor (cage will not start without Xwayland), Python, fonts,
# speech, the QR library for pyzbar, the GPU drivers, and the libraries Qt loads at run
# time (the same as .ci/system-deps, less the test-only X server; the test
# tests/kiosk/test_packaging.py keeps the two lists in step).
KIOSK_PACKAGES=(
    cage xwayland python3 python3-venv ca-certificates sudo
    fonts-dejavu-core fonts-noto-core
    speech-dispatcher espeak-ng pipewire-pulse wireplumber
    libzbar0 libpulse0 v4l-utils
    libgl1-mesa-dri libegl-mesa0
    libwayland-client0 libwayland-cursor0 libwayland-egl1
    libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libxkbcommon0
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
    libxcb-shape0 libxkbcommon-x11-0
)
SERVER_PACKAGES=(python3 python3-venv ca-certificates sudo)
KIOSK_GROUPS=(video input render audio)

role=kiosk
postgresql=no
site_name=Fablab

usage() {
    cat <<USAGE
Usage: sudo $0 [--kiosk | --server [--postgresql]] [--name SITE_NAME]

  --kiosk        the kiosk screen at the door (default)
  --server       the central server the kiosks sync with
  --postgresql   with --server: keep its data in PostgreSQL (installed here) instead
                 of a SQLite file
  --name NAME    the site's name printed on badges, for a new kiosk (default: Fablab)
USAGE
}

say() { printf '\n==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() {
    printf 'install.sh: %s\n' "$*" >&2
    exit 1
}

parse_options() {
    while [ $# -gt 0 ]; do
        case "$1" in
        --kiosk) role=kiosk ;;
        --server) role=server ;;
        --postgresql) postgresql=yes ;;
        --name)
            [ $# -ge 2 ] || die "--name needs the site's name"
            site_name=$2
            shift
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            usage >&2
            die "unknown option: $1"
            ;;
        esac
        shift
    done
    [ "$postgresql" = no ] || [ "$role" = server ] || die "--postgresql goes with --server"
}

# Everything this script needs that is not a Debian package it installs: checked before
# anything is changed, all said at once. (sudo, which the docs' commands use, is one of
# the packages: a Debian installed with a root password has none.)
REQUIRED_COMMANDS=(apt-get systemctl runuser useradd usermod getent install tar)

preflight() {
    [ "$(id -u)" -eq 0 ] || die "run it as root: sudo $0"
    [ -f "$CHECKOUT/pyproject.toml" ] || die "$CHECKOUT is not a fablab-kiosk checkout"
    local missing=() cmd
    for cmd in "${REQUIRED_COMMANDS[@]}"; do
        command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        local hint=""
        case " ${missing[*]} " in
        *" apt-get "*) hint=" This script is for Debian." ;;
        *" systemctl "*) hint=" The kiosk runs as systemd services: apt-get install systemd" ;;
        esac
        die "missing: ${missing[*]}; nothing was changed.$hint"
    fi
    # shellcheck source=/dev/null
    . "$OS_RELEASE"
    case "${VERSION_ID:-}" in
    12 | 13) ;;
    *) note "warning: made for Debian 12 and 13; this is ${PRETTY_NAME:-unknown}" ;;
    esac
    if ! systemd_running; then
        say "systemd is not running here (a chroot, an image being prepared, a container)"
        note "services are installed and enabled; none is started now"
    fi
}

# Like sd_booted(3): in a chroot or an image being prepared, systemctl can enable units
# (symbolic links) but cannot start anything.
systemd_running() { [ -d "$SYSTEMD_RUN_DIR" ]; }

NOT_STARTED=()

# Enable units; start them too when systemd runs, else remember to say so at the end.
enable_and_start() {
    if systemd_running; then
        systemctl enable --now "$@"
    else
        systemctl enable "$@"
        NOT_STARTED+=("$@")
    fi
}

say_not_started() {
    [ ${#NOT_STARTED[@]} -gt 0 ] || return 0
    say "Not started (systemd is not running here): ${NOT_STARTED[*]}"
    note "they start by themselves when this system boots; or, once it runs:"
    note "  sudo systemctl start ${NOT_STARTED[*]}"
}

# --- packages ------------------------------------------------------------------------

install_packages() {
    say "Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$@"
}

# --- users and folders ---------------------------------------------------------------

add_kiosk_user() {
    say "User $KIOSK_USER (runs the kiosk screen)"
    if ! id "$KIOSK_USER" >/dev/null 2>&1; then
        useradd --create-home --user-group --shell /usr/sbin/nologin \
            --comment "Fab-lab kiosk screen" "$KIOSK_USER"
        note "created"
    fi
    local group
    for group in "${KIOSK_GROUPS[@]}"; do
        if getent group "$group" >/dev/null; then
            usermod --append --groups "$group" "$KIOSK_USER"
        fi
    done
    note "groups: $(id -nG "$KIOSK_USER")"
    install -d -o "$KIOSK_USER" -g "$KIOSK_USER" -m 0750 "$DATA_DIR"
}

add_server_user() {
    say "User $SERVER_USER (runs the central server)"
    if ! id "$SERVER_USER" >/dev/null 2>&1; then
        useradd --system --user-group --home-dir "$SERVER_DATA_DIR" --no-create-home \
            --shell /usr/sbin/nologin --comment "Fab-lab kiosk server" "$SERVER_USER"
        note "created"
    fi
    install -d -o "$SERVER_USER" -g "$SERVER_USER" -m 0750 "$SERVER_DATA_DIR"
}

# --- the program ---------------------------------------------------------------------

install_program() {
    say "fablab-kiosk in $VENV"
    # A venv made by another Python (Debian 12 -> 13 upgrade) cannot be reused.
    if ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
        rm -rf "$VENV"
        python3 -m venv "$VENV"
    fi
    # The kiosk's screen, camera and decoders (Qt, OpenCV: most of a 1 GB venv) only where
    # a kiosk runs; the server's web stack only where a server runs.
    local extras=""
    if [ "$role" = kiosk ] || [ -f "$UNIT_DIR/fablab-kiosk.service" ]; then
        extras="kiosk"
    fi
    if [ "$role" = server ] || [ -f "$UNIT_DIR/fablab-kiosk-server.service" ]; then
        extras="${extras:+$extras,}server"
    fi
    local extra="[$extras]"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    # Built from a copy: pip would leave root-owned build files in the checkout.
    BUILD_DIR=$(mktemp -d)
    tar -C "$CHECKOUT" --exclude=./.git --exclude=./.venv --exclude=./.demo \
        --exclude=./build --exclude='./*.egg-info' --exclude='./.*_cache' -cf - . |
        tar -C "$BUILD_DIR" -xf -
    # The program is always installed again; its dependencies only when missing or too old.
    "$VENV/bin/python" -m pip install --quiet "$BUILD_DIR$extra"
    rm -rf "$BUILD_DIR"
    "$PROGRAM" --help >/dev/null
    install -m 0755 "$HERE/fablab-kiosk-command" "$COMMAND"
    note "installed; the command $COMMAND runs it"
}

install_unit() {
    install -m 0644 "$HERE/$1" "$UNIT_DIR/$1"
}

# --- kiosk ---------------------------------------------------------------------------

new_site() {
    if [ -f "$DATA_DIR/config.toml" ]; then
        say "Site: keeping the configuration in $DATA_DIR"
        return
    fi
    say "New site \"$site_name\" in $DATA_DIR"
    runuser -u "$KIOSK_USER" -- "$PROGRAM" init --data-dir "$DATA_DIR" --name "$site_name"
}

no_console_blanking() {
    say "Screen never blanks (consoleblank=0)"
    local found=no
    if [ -d "$GRUB_DEFAULT.d" ] || [ -f "$GRUB_DEFAULT" ]; then
        found=yes
        local conf=$GRUB_DEFAULT.d/fablab-kiosk.cfg
        # shellcheck disable=SC2016 # GRUB expands it, when it reads this file
        local line='GRUB_CMDLINE_LINUX_DEFAULT="$GRUB_CMDLINE_LINUX_DEFAULT consoleblank=0"'
        if [ "$(cat "$conf" 2>/dev/null)" != "$line" ]; then
            mkdir -p "$GRUB_DEFAULT.d"
            printf '%s\n' "$line" >"$conf"
            if command -v update-grub >/dev/null; then
                update-grub
                note "kernel option added in $conf (GRUB updated: from the next start)"
            else
                note "kernel option added in $conf, but update-grub is missing: run it"
                note "(or grub-mkconfig) before the next start, or it is not used"
            fi
        else
            note "already in $conf: nothing changed"
        fi
    fi
    if [ -f "$PI_CMDLINE" ]; then
        found=yes
        if ! grep -qw 'consoleblank=0' "$PI_CMDLINE"; then
            sed -i '1 s/$/ consoleblank=0/' "$PI_CMDLINE"
            note "kernel option added in $PI_CMDLINE (from the next start)"
        else
            note "already in $PI_CMDLINE: nothing changed"
        fi
    fi
    if [ "$found" = no ]; then
        note "NOT changed: no GRUB ($GRUB_DEFAULT) and no $PI_CMDLINE on this machine."
        note "The console may blank after 10 minutes: add consoleblank=0 to the kernel"
        note "command line of this machine's boot loader by hand."
    fi
    # until the next start (the kiosk takes tty1 from then on)
    if setterm --blank 0 --powerdown 0 --term linux </dev/tty1 >/dev/tty1 2>/dev/null; then
        note "blanking turned off on tty1 until the next start"
    else
        note "tty1 cannot be reached now: blanking unchanged until the next start"
    fi
}

install_kiosk_units() {
    say "Kiosk services"
    install_unit fablab-kiosk.service
    install_unit fablab-kiosk-backup.service
    install_unit fablab-kiosk-backup.timer
    install -m 0644 "$HERE/90-fablab-kiosk-backlight.rules" "$UDEV_RULE"
    if command -v udevadm >/dev/null; then
        udevadm control --reload || true
        udevadm trigger --subsystem-match=backlight --action=add || true
    fi
    if systemd_running; then
        systemctl daemon-reload
    fi
    # A display manager (a desktop's login screen) would fight the kiosk for the screen.
    if systemctl is-enabled --quiet display-manager.service 2>/dev/null; then
        systemctl disable display-manager.service
        note "disabled the desktop login screen (display-manager.service)"
    fi
    systemctl set-default graphical.target
    systemctl enable fablab-kiosk.service
    enable_and_start fablab-kiosk-backup.timer
    # Not started now: it takes over tty1, perhaps the console this script runs on.
}

# --- server --------------------------------------------------------------------------

setup_postgresql() {
    say "PostgreSQL database \"fablab\" for $SERVER_USER"
    local started_here=()
    if systemd_running; then
        systemctl enable --now postgresql.service
    else
        # No systemd to start it: start the cluster(s) just for this, stop them after.
        systemctl enable postgresql.service
        local version cluster
        while read -r version cluster _; do
            if ! pg_ctlcluster "$version" "$cluster" status >/dev/null 2>&1; then
                pg_ctlcluster "$version" "$cluster" start
                started_here+=("$version $cluster")
            fi
        done < <(pg_lsclusters --no-header)
    fi
    local role_exists db_exists
    role_exists=$(runuser -u postgres -- psql -tAc \
        "SELECT 1 FROM pg_roles WHERE rolname = '$SERVER_USER'")
    if [ "$role_exists" != 1 ]; then
        runuser -u postgres -- createuser "$SERVER_USER"
    fi
    db_exists=$(runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname = 'fablab'")
    if [ "$db_exists" != 1 ]; then
        runuser -u postgres -- createdb --owner "$SERVER_USER" fablab
    fi
    note "connection by the local socket, as the system user $SERVER_USER (no password)"
    local started
    for started in "${started_here[@]}"; do
        # shellcheck disable=SC2086 # "15 main": version and cluster, two words
        pg_ctlcluster $started stop
        note "PostgreSQL $started was started for this only, and stopped again"
    done
    [ ${#started_here[@]} -eq 0 ] || NOT_STARTED+=(postgresql.service)
}

server_settings() {
    local db=$SERVER_DATA_DIR/server.sqlite3
    if [ "$postgresql" = yes ]; then
        db="postgresql://$SERVER_USER@/fablab?host=/run/postgresql"
    fi
    install -d -m 0755 "$ETC_DIR"
    if [ -f "$SERVER_ENV" ]; then
        say "Server settings: keeping $SERVER_ENV"
        if [ "$postgresql" = yes ] && ! grep -q '^FABLAB_KIOSK_SERVER_DB=postgresql' "$SERVER_ENV"; then
            note "it does not use PostgreSQL yet: to switch, set in it"
            note "  FABLAB_KIOSK_SERVER_DB=$db"
            note "(the server starts empty there: kiosks send their visits again, staff"
            note "accounts and kiosk tokens must be made again)"
        fi
        return
    fi
    say "Server settings in $SERVER_ENV"
    # made unreadable to others first: a PostgreSQL password may go in it
    install -m 0640 -o root -g "$SERVER_USER" /dev/null "$SERVER_ENV"
    cat >"$SERVER_ENV" <<ENV
# fablab-kiosk-server settings (read by fablab-kiosk-server.service and by the
# fablab-kiosk command). After a change: sudo systemctl restart fablab-kiosk-server
#
# The database: a SQLite file, or postgresql://USER:PASSWORD@HOST/DATABASE
FABLAB_KIOSK_SERVER_DB=$db
# The address to listen on: 0.0.0.0 for every network card, 127.0.0.1 behind a proxy
FABLAB_KIOSK_SERVER_HOST=0.0.0.0
# Behind a reverse proxy on this machine: its address, so that its X-Forwarded-For is
# believed (the staff sign-in throttle counts each browser, not the proxy)
#FABLAB_KIOSK_SERVER_TRUSTED_PROXIES=127.0.0.1
# Server processes sharing the port, with PostgreSQL only (docs/install.md, section 10)
#FABLAB_KIOSK_SERVER_WORKERS=2
ENV
}

install_server_units() {
    say "Server service"
    install_unit fablab-kiosk-server.service
    install_unit fablab-kiosk-server@.service  # several behind a proxy: docs/install.md
    if systemd_running; then
        systemctl daemon-reload
        systemctl enable fablab-kiosk-server.service
        systemctl restart fablab-kiosk-server.service
    else
        systemctl enable fablab-kiosk-server.service
        NOT_STARTED+=(fablab-kiosk-server.service)
    fi
}

wait_for_server() {
    local url="http://127.0.0.1:$SERVER_PORT/api/v1/health" i
    local ask='import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)'
    for i in $(seq 1 "$SERVER_WAIT_S"); do
        if "$VENV/bin/python" -c "$ask" "$url" >/dev/null 2>&1; then
            note "answers on $url"
            return 0
        fi
        sleep 1
    done
    printf '\ninstall.sh: FAILED: the server is installed but does not answer on %s after %s s.\n' \
        "$url" "$i" >&2
    printf '    Look at: sudo journalctl -u fablab-kiosk-server -n 50\n' >&2
    printf '             sudo systemctl status fablab-kiosk-server\n' >&2
    printf '             the settings in %s (the database address)\n' "$SERVER_ENV" >&2
    return 1
}

# --- main ----------------------------------------------------------------------------

main() {
    parse_options "$@"
    preflight
    if [ "$role" = kiosk ]; then
        install_packages "${KIOSK_PACKAGES[@]}"
        add_kiosk_user
        install_program
        new_site
        no_console_blanking
        install_kiosk_units
        say_not_started
        say "Done: the kiosk starts at the next boot"
        cat <<NEXT
    program       $VENV (the command: $COMMAND)
    data          $DATA_DIR (config.toml, kiosk.sqlite3, site.key, backups/)
    services      fablab-kiosk.service, fablab-kiosk-backup.timer (every night)
    logs          journalctl -u fablab-kiosk

Next:
    sudo nano $DATA_DIR/config.toml                   name, spaces, hours, camera
    sudo fablab-kiosk staff-pin                      the PIN of the staff mode
    sudo fablab-kiosk connect http://SERVER:$SERVER_PORT --token TOKEN   if you have a server
    sudo fablab-kiosk doctor                         checks camera, clock, server...
    sudo reboot
NEXT
    else
        packages=("${SERVER_PACKAGES[@]}")
        if [ "$postgresql" = yes ]; then
            packages+=(postgresql)
        fi
        install_packages "${packages[@]}"
        add_server_user
        install_program
        if [ "$postgresql" = yes ]; then
            setup_postgresql
        fi
        server_settings
        install_server_units
        if systemd_running; then
            wait_for_server || exit 1
            say "Done: the central server runs on port $SERVER_PORT"
        else
            say_not_started
            say "Done: the central server is installed; it starts on port $SERVER_PORT at boot"
        fi
        cat <<NEXT
    program       $VENV (the command: $COMMAND)
    settings      $SERVER_ENV
    database      $(grep '^FABLAB_KIOSK_SERVER_DB=' "$SERVER_ENV" | cut -d= -f2- | sed 's#:[^:@/]*@#:***@#')
    logs          journalctl -u fablab-kiosk-server

Next:
    sudo fablab-kiosk server add-kiosk door          a token for each kiosk (shown once)
    sudo fablab-kiosk server add-staff alice         a staff account
    then on each kiosk: sudo fablab-kiosk connect http://$(hostname -f 2>/dev/null || hostname):$SERVER_PORT --token TOKEN
NEXT
    fi
}

# Sourced by tests (tests/kiosk/test_packaging.py) to run one step with stand-ins: then
# nothing runs by itself.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main "$@"
fi
