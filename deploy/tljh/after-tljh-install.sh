#!/usr/bin/env bash
# Sets up a The Littlest JupyterHub (TLJH) server for the my-mnist class. Run it as root on Ubuntu,
# after TLJH's own installer:
#
#   curl -L https://tljh.jupyter.org/bootstrap.py | sudo python3 - --admin teacher
#   sudo git clone https://github.com/OWNER/REPO /opt/my-mnist
#   sudo /opt/my-mnist/deploy/tljh/after-tljh-install.sh
#
# (or, without a checkout: sudo REPO_URL=https://github.com/OWNER/REPO ./after-tljh-install.sh, which
# clones it into /opt/my-mnist). It installs the JDK, Maven, git and fonts (apt-get); the class's Java
# kernel "Java (my-mnist)", the library and MNIST into TLJH's user environment
# (scripts/install-class.sh); each user's memory limit (tljh-config); nbgitpuller and nbgrader with a
# shared exchange folder; then prints the link that hands the notebooks to the students.
# Safe to run again: to change a setting, or after a git pull (the class is then installed afresh).
#
# Settings (environment variables):
#   MEMORY_LIMIT  memory of one user's server, kernels included (default 2G)
#   KERNEL_MEMORY each Java kernel's memory ceiling, heap and arrays (default 1536m; see MEMORY_LIMIT)
#   REPO_URL      the repository to clone when not run from a checkout, and to put in the link
#   BRANCH        its branch (default: the checkout's, else the remote's default)
#   CHECKOUT      where to clone it (default /opt/my-mnist)
#   HUB_URL       the hub's address for the link (default http://<this server's first IP address>)
set -euo pipefail

# The memory figures come from the kernel's measured memory in docs/classroom.md: a kernel stays
# under its ceiling (KERNEL_MEMORY: its heap and ND4J's arrays together), and refuses a cell that asks
# for more; the server and each open notebook's kernel share MEMORY_LIMIT. Change the two together
# (the Docker image and Binder use the same 1536m ceiling for 2G).
MEMORY_LIMIT="${MEMORY_LIMIT:-2G}"
KERNEL_MEMORY="${KERNEL_MEMORY:-${KERNEL_HEAP:-1536m}}"   # KERNEL_HEAP: its name before
USER_ENV=/opt/tljh/user
CHECKOUT="${CHECKOUT:-/opt/my-mnist}"
REPO_URL="${REPO_URL:-}"
BRANCH="${BRANCH:-}"
EXCHANGE=/srv/nbgrader/exchange
NBGRADER_VERSION=0.9.6       # as scripts/requirements-hub.txt
NBGITPULLER_VERSION=1.3.0
COURSE_CONFIG=/etc/jupyter/nbgrader_config.py

say() { printf '[after-tljh-install] %s\n' "$*"; }
fail() { printf '[after-tljh-install] error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run this as root (sudo $0)"
if [ ! -x "$USER_ENV/bin/jupyter" ] || [ ! -x "$USER_ENV/bin/pip" ]; then
  fail "TLJH's user environment $USER_ENV is missing: install TLJH first (curl -L https://tljh.jupyter.org/bootstrap.py | sudo python3 - --admin teacher)"
fi
TLJH_CONFIG="$(command -v tljh-config || echo /opt/tljh/hub/bin/tljh-config)"
[ -x "$TLJH_CONFIG" ] || fail "tljh-config not found (is TLJH installed?)"

# --- 1. System packages ---------------------------------------------------------------------------
# The JDK first, alone: installed with it, maven would pull in Ubuntu's default JRE as well.
missing=()
for pkg in openjdk-17-jdk-headless maven git fonts-dejavu-core fontconfig; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q openjdk-17-jdk-headless
  apt-get install -y -q maven git fonts-dejavu-core fontconfig
fi
# The kernel spec records the java it was installed with: make it JDK 17, whatever the default is.
jdk17="/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)"
if [ -x "$jdk17/bin/java" ]; then
  export JAVA_HOME="$jdk17"
fi

# --- 2. The repository ----------------------------------------------------------------------------
here=""
if [ -f "${BASH_SOURCE[0]:-}" ]; then
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fi
if [ -n "$here" ] && [ -x "$here/scripts/install-class.sh" ]; then
  SRC="$here"
elif [ -d "$CHECKOUT/.git" ]; then
  SRC="$CHECKOUT"
  say "updating $CHECKOUT (git pull --ff-only)"
  git -C "$CHECKOUT" pull -q --ff-only || say "warning: could not update $CHECKOUT (local changes?): using it as it is"
else
  [ -n "$REPO_URL" ] || fail "not run from a checkout: set REPO_URL=https://github.com/OWNER/REPO (cloned into $CHECKOUT)"
  say "cloning $REPO_URL into $CHECKOUT"
  git clone -q ${BRANCH:+--branch "$BRANCH"} "$REPO_URL" "$CHECKOUT"
  SRC="$CHECKOUT"
fi
[ -x "$SRC/scripts/install-class.sh" ] || fail "$SRC/scripts/install-class.sh is missing: is $SRC a checkout of my-mnist?"

# --- 3. The Java kernel, the library and MNIST, in the users' environment -------------------------
say "installing the class into $USER_ENV (scripts/install-class.sh --memory $KERNEL_MEMORY)"
(cd "$SRC" && scripts/install-class.sh --memory "$KERNEL_MEMORY" "$USER_ENV")

# --- 4. Each user's memory limit ------------------------------------------------------------------
say "limits.memory = $MEMORY_LIMIT (tljh-config)"
"$TLJH_CONFIG" set limits.memory "$MEMORY_LIMIT"
"$TLJH_CONFIG" reload

# --- 5. nbgitpuller and nbgrader ------------------------------------------------------------------
say "installing nbgitpuller==$NBGITPULLER_VERSION and nbgrader==$NBGRADER_VERSION into $USER_ENV"
"$USER_ENV/bin/pip" install -q --disable-pip-version-check "nbgitpuller==$NBGITPULLER_VERSION" "nbgrader==$NBGRADER_VERSION"
# nbgrader's exchange: every user may drop files in it (sticky, as /tmp); release_assignment,
# collect and the students' fetch and submit go through it.
mkdir -p "$EXCHANGE"
chmod 0755 "$(dirname "$EXCHANGE")"
chmod 1777 "$EXCHANGE"

# The course's configuration for every user: the project's (course "my-mnist", the Java solution
# stub, cell timeouts) and the exchange folder. Rewritten on each run from scripts/nbgrader_config.py.
mkdir -p "$(dirname "$COURSE_CONFIG")"
tmp="$(mktemp "$COURSE_CONFIG.XXXXXX")"
{
  echo "# Written by deploy/tljh/after-tljh-install.sh from $SRC/scripts/nbgrader_config.py:"
  echo "# edit that file and run the script again rather than this one."
  cat "$SRC/scripts/nbgrader_config.py"
  echo
  echo "# The exchange folder every user of this hub shares (mode 1777)."
  echo "c.Exchange.root = \"$EXCHANGE\""
} >"$tmp"
chmod 0644 "$tmp"
mv -f "$tmp" "$COURSE_CONFIG"
say "nbgrader: course my-mnist, exchange $EXCHANGE, configuration $COURSE_CONFIG"

# --- 6. The link for the class --------------------------------------------------------------------
url="$REPO_URL"
if [ -z "$url" ]; then url="$(git -C "$SRC" remote get-url origin 2>/dev/null || true)"; fi
branch="$BRANCH"
if [ -z "$branch" ]; then branch="$(git -C "$SRC" rev-parse --abbrev-ref HEAD 2>/dev/null || true)"; fi
if [ -z "$branch" ] || [ "$branch" = HEAD ]; then branch=main; fi
hub="${HUB_URL:-http://$(hostname -I 2>/dev/null | awk '{print $1}')}"
case "$url" in
  http://*|https://*)
    link="$(python3 - "$hub" "$url" "$branch" <<'PY'
import sys
from urllib.parse import quote
hub, repo, branch = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
name = repo.rstrip("/").rsplit("/", 1)[-1]
name = name[:-4] if name.endswith(".git") else name
path = f"lab/tree/{name}/notebooks/01-my-mnist.ipynb"
print(f"{hub}/hub/user-redirect/git-pull?repo={quote(repo, safe='')}&branch={quote(branch, safe='')}"
      f"&urlpath={quote(path, safe='')}")
PY
)"
    ;;
  *)
    link="$hub/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2FOWNER%2FREPO&branch=$branch&urlpath=lab%2Ftree%2FREPO%2Fnotebooks%2F01-my-mnist.ipynb"
    say "note: no https remote for $SRC: replace OWNER/REPO in the link below (or run again with REPO_URL=...)"
    ;;
esac

cat <<EOF

Done. The class's link (each student's click copies the notebooks into their home, or updates them
without touching their edits, and opens the first one; English: 01-my-mnist-en.ipynb):

  $link

The teacher, once, in a terminal on the hub (File > New > Terminal): the course folder, for the
nbgrader commands (notebooks/README.md, "Exercises for a class", steps 3 to 6) and the formgrader:

  mkdir -p ~/course/source/03-exercices && cp $SRC/notebooks/03-exercices.ipynb ~/course/source/03-exercices/
  mkdir -p ~/.jupyter && echo "c.CourseDirectory.root = '\$HOME/course'" >> ~/.jupyter/nbgrader_config.py

then File > Hub Control Panel > Stop My Server, and start it again.
EOF
