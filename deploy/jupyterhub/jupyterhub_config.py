# JupyterHub for one class on one server: the students' and the teacher's own system accounts
# (PAM), their servers started as those users (LocalProcessSpawner; SystemdSpawner where systemd
# runs), idle servers stopped by jupyterhub-idle-culler, the teacher an admin. docs/classroom.md
# gives the steps; scripts/test-hub.sh runs this file (through a small file of its own that changes
# the ports, the users and the proxy's path for the test).
#
#   sudo PREFIX/bin/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py
#
# PREFIX is the Jupyter environment of the class, where scripts/install-class.sh installed the
# library and the kernel: a venv of the system's python3 (every account can run it; not a Python
# in root's home) with scripts/requirements-hub.txt. Edit the values below, or set the variables.
import os
import shutil
import sys

c = get_config()  # noqa: F821 (JupyterHub defines it)

# --- The class -------------------------------------------------------------------------------------
# The environment of the single-user servers: the one running this hub, unless MYMNIST_PREFIX says.
PREFIX = os.environ.get("MYMNIST_PREFIX", sys.prefix)
# Who may log in: the members of this Unix group (groupadd students; usermod -aG students alice).
STUDENTS_GROUP = os.environ.get("MYMNIST_STUDENTS_GROUP", "students")
# The teachers: hub admins (they see, start and stop every student's server).
TEACHERS = set(filter(None, os.environ.get("MYMNIST_TEACHERS", "teacher").split(",")))
# Stop a server after this many seconds without activity (its kernels stop too, freeing memory).
IDLE_TIMEOUT = int(os.environ.get("MYMNIST_IDLE_TIMEOUT", "3600"))
# Stop a kernel left idle this many seconds (no cell running, none asked for): its memory (a few
# hundred MiB after Run All, docs/performance.md) comes back while the student's server stays.
# Coming back, the student runs the notebook from the top again.
KERNEL_IDLE_TIMEOUT = int(os.environ.get("MYMNIST_KERNEL_IDLE_TIMEOUT", "1800"))

# --- Where it listens ------------------------------------------------------------------------------
# Behind a TLS reverse proxy (nginx, Caddy) keep it on 127.0.0.1; JupyterHub can also serve HTTPS
# itself (c.JupyterHub.ssl_cert, ssl_key).
c.JupyterHub.bind_url = os.environ.get("MYMNIST_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_bind_url = os.environ.get("MYMNIST_HUB_API_URL", "http://127.0.0.1:8081")
state = os.environ.get("MYMNIST_HUB_STATE", "/srv/jupyterhub")
c.JupyterHub.db_url = f"sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{state}/jupyterhub_cookie_secret"
# A restart of the hub (to change a setting mid-lesson) leaves the students' servers and their kernels
# running (and the proxy runs on its own, below): the new hub finds them again, and a training cell goes on. (TLJH's systemd
# units do the same.) Stop the servers from the admin page when you mean to.
c.JupyterHub.cleanup_servers = False
c.JupyterHub.cleanup_proxy = False

# --- Who: system accounts ----------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {STUDENTS_GROUP}
c.Authenticator.admin_users = TEACHERS
c.Authenticator.allowed_users = set(TEACHERS)
# PAM sessions need systemd-logind on most servers; the hub does not need them.
c.PAMAuthenticator.open_sessions = False

# --- Their servers -------------------------------------------------------------------------------
if os.environ.get("MYMNIST_SPAWNER", "local") == "systemd":
    # pip install jupyterhub-systemdspawner: each server in a unit of its own, with a memory ceiling
    # (each kernel's own ceiling is set by scripts/install-class.sh --memory; docs/classroom.md has figures).
    c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    c.SystemdSpawner.mem_limit = os.environ.get("MYMNIST_MEMORY_LIMIT", "2G")
    c.SystemdSpawner.cpu_limit = 1.0
    c.SystemdSpawner.isolate_tmp = True
    c.SystemdSpawner.disable_user_sudo = True
else:
    c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [os.path.join(PREFIX, "bin", "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.args = [f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE_TIMEOUT}",
                  f"--MappingKernelManager.cull_interval={max(5, min(60, KERNEL_IDLE_TIMEOUT // 4))}",
                  "--MappingKernelManager.cull_connected=True", "--MappingKernelManager.cull_busy=False",
                  # Thirty Java kernels started at once on a few cores take more than the default
                  # minute to answer their first message; a connection opened on a kernel that had not
                  # answered by then stayed mute (class-load.sh 30 showed it). The idle timeout above
                  # counts a starting kernel's wait too: keep it well above a minute.
                  "--MappingKernelManager.kernel_info_timeout=600"]
c.Spawner.notebook_dir = "~"
# The servers find Jupyter, nbgrader and git on PATH (nbgrader's database commands call alembic).
c.Spawner.environment = {"PATH": os.pathsep.join([os.path.join(PREFIX, "bin"), "/usr/local/bin", "/usr/bin", "/bin"])}
# A Java kernel takes a few seconds to start, and a first server a little longer.
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 60

# --- The proxy: configurable-http-proxy from npm (npm install -g configurable-http-proxy) --------------
# It runs on its own (deploy/jupyterhub/configurable-http-proxy.service), with the token the hub
# shares with it in CONFIGPROXY_AUTH_TOKEN: a hub that starts the proxy itself stops and restarts it
# when it restarts, and every student's open connection drops. Set MYMNIST_HUB_STARTS_PROXY=1 for a
# quick try-out where the hub starts it.
proxy = os.environ.get("MYMNIST_PROXY") or shutil.which("configurable-http-proxy")
if proxy:
    c.ConfigurableHTTPProxy.command = [proxy]
c.ConfigurableHTTPProxy.should_start = os.environ.get("MYMNIST_HUB_STARTS_PROXY", "0") == "1"
c.ConfigurableHTTPProxy.api_url = os.environ.get("MYMNIST_PROXY_API_URL", "http://127.0.0.1:8001")

# --- Idle servers stopped, as a hub service --------------------------------------------------------
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={IDLE_TIMEOUT}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
