#!/usr/bin/env python3
"""Checks the Binder (repo2docker) files in binder/ without Docker: what repo2docker would build.

    scripts/check_binder.py REPO2DOCKER

REPO2DOCKER is the path of a repo2docker executable (scripts/test-binder.sh installs a pinned one in
build/r2d-venv). The check copies the files git would commit (tracked, and untracked ones that are not
ignored) to a temporary folder, runs `repo2docker --no-build --debug` on it, which prints the
Dockerfile it generates and needs no Docker daemon, and checks that the Dockerfile installs apt.txt's
packages as root, uses runtime.txt's Python and requirements.txt, runs binder/postBuild as the
notebook user after them, and ignores the conda environment.yml at the repository's root. It also
checks the binder files themselves (the JupyterLab pin is the project's, postBuild's install command)
and that the notebooks still load once postBuild has removed target/. Prints PASS/FAIL lines, then
"N passed, M failed"; exits 1 on any failure. Standard library only.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINDER = os.path.join(ROOT, "binder")
results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'PASS' if ok else 'FAIL'}: {name}" + (f" ({detail})" if detail and not ok else ""))
    return ok


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def listed(path):
    """The entries of a one-a-line file (apt.txt, requirements.txt), comments and blanks left out."""
    return [line.partition("#")[0].strip() for line in read(path).splitlines()
            if line.partition("#")[0].strip()]


def clean_copy(dest):
    """Copies what git would commit: tracked files and untracked files that are not ignored."""
    out = subprocess.run(["git", "-C", ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         check=True, capture_output=True).stdout.decode("utf-8")
    for rel in sorted(set(filter(None, out.split("\0")))):
        src = os.path.join(ROOT, rel)
        if not os.path.lexists(src):
            continue  # deleted in the work tree
        dst = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if os.path.islink(src):
            os.symlink(os.readlink(src), dst)
        elif os.path.isfile(src):
            shutil.copy2(src, dst)


def run_repo2docker(repo2docker, repo):
    env = dict(os.environ, DOCKER_HOST="unix:///nonexistent/docker.sock")  # proves no daemon is needed
    start = time.monotonic()
    proc = subprocess.run([repo2docker, "--no-build", "--debug", "--user-id", "1000", "--user-name", "jovyan",
                           repo], capture_output=True, text=True, env=env, timeout=300)
    return proc, time.monotonic() - start


def directives(dockerfile):
    """The Dockerfile's instructions, continuation lines joined, comments left out."""
    out, current = [], ""
    for line in dockerfile.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        current += line.rstrip("\\").strip() + " " if line.rstrip().endswith("\\") else line.strip()
        if not line.rstrip().endswith("\\"):
            out.append(current.strip())
            current = ""
    return out


def check_dockerfile(dockerfile, log):
    steps = directives(dockerfile)
    apt = listed(os.path.join(BINDER, "apt.txt"))
    user = None
    users = []  # the user each step runs as
    for step in steps:
        if step.startswith("USER "):
            user = step.split(None, 1)[1]
        users.append(user)

    def find(pattern):
        return [i for i, s in enumerate(steps) if re.search(pattern, s)]

    apt_steps = [i for i in find(r"^RUN .*apt-get install") if all(re.search(rf"(?<![\w.+-]){re.escape(p)}(?![\w.+-])", steps[i]) for p in apt)]
    check("the Dockerfile apt-installs every package of binder/apt.txt in one step: " + ", ".join(apt),
          apt_steps, "no apt-get install step names them all")
    check("that apt-get install runs as root", apt_steps and users[apt_steps[0]] == "root",
          f"user {users[apt_steps[0]] if apt_steps else None}")

    pip_steps = find(r'^RUN .*pip install .*-r "?binder/requirements\.txt')
    check("the Dockerfile pip-installs binder/requirements.txt", pip_steps)
    check("binder/requirements.txt is copied into the image", find(r"^COPY .*binder/requirements\.txt"))

    post = find(r"^RUN \./binder/postBuild\b")
    check("the Dockerfile runs ./binder/postBuild", post)
    if post:
        check("postBuild runs as the notebook user", users[post[0]] == "${NB_USER}", f"user {users[post[0]]}")
        check("postBuild runs after the apt packages and the requirements",
              apt_steps and pip_steps and max(apt_steps[0], pip_steps[0]) < post[0])
        copies = find(r"^COPY .*\bsrc/ \$\{REPO_DIR\}/")
        check("postBuild runs after the whole repository is copied", copies and copies[0] < post[0])
        check("postBuild runs in the repository (WORKDIR ${REPO_DIR})",
              any(s == "WORKDIR ${REPO_DIR}" for s in steps[:post[0]]))

    version = listed(os.path.join(BINDER, "runtime.txt"))[0].split("-", 1)[1]
    # repo2docker copies its conda lock file environment.py-X.Y-linux-64.lock under an escaped name
    lock = "".join({".": "-2e", "-": "-2d"}.get(c, c) for c in f"environment.py-{version}-linux-64.lock")
    check(f"the image's Python is binder/runtime.txt's {version}",
          f"python={version}" in log and (lock in dockerfile or f"environment.py-{version}-" in dockerfile),
          f"repo2docker said: {log.strip()[-300:]}")
    check("the repository's environment.yml (conda, IJava) is not used: binder/ takes precedence",
          "environment.yml" not in dockerfile and "ijava" not in dockerfile.lower())
    check("the image does not run as root", users and users[-1] == "${NB_USER}", f"last USER {users[-1] if users else None}")


def check_files():
    present = [check(f"binder/{name} exists", os.path.isfile(os.path.join(BINDER, name)))
               for name in ("apt.txt", "requirements.txt", "runtime.txt", "postBuild")]
    if not all(present):
        return None
    apt = listed(os.path.join(BINDER, "apt.txt"))
    for pkg in ("openjdk-17-jdk-headless", "maven", "fonts-dejavu-core"):
        check(f"binder/apt.txt lists {pkg}", pkg in apt)
    project = {re.split(r"==", r)[0].lower(): r for r in listed(os.path.join(ROOT, "scripts", "requirements-notebooks.txt"))}
    binder = {re.split(r"==", r)[0].lower(): r for r in listed(os.path.join(BINDER, "requirements.txt"))}
    check("binder/requirements.txt pins JupyterLab as scripts/requirements-notebooks.txt does "
          f"({project.get('jupyterlab')})", binder.get("jupyterlab") == project.get("jupyterlab"),
          f"binder has {binder.get('jupyterlab')}")
    post = os.path.join(BINDER, "postBuild")
    text = read(post)
    check("binder/postBuild is executable", os.access(post, os.X_OK))
    check("binder/postBuild is bash with set -euo pipefail",
          text.startswith("#!/usr/bin/env bash\n") and re.search(r"^set -euo pipefail$", text, re.M))
    check('binder/postBuild runs scripts/install-class.sh --memory 1536m "${NB_PYTHON_PREFIX}"',
          re.search(r'^scripts/install-class\.sh --memory 1536m "\$\{NB_PYTHON_PREFIX\}"$', text, re.M))
    check("binder/postBuild removes target/ and Maven's cache",
          re.search(r'^rm -rf target "\$\{HOME\}/\.m2"$', text, re.M))
    syntax = subprocess.run(["bash", "-n", post], capture_output=True, text=True)
    check("binder/postBuild parses (bash -n)", syntax.returncode == 0, syntax.stderr.strip())
    return text


def check_notebooks():
    """postBuild removes target/: each notebook's %classpath must then match nothing without an error."""
    bad = []
    folder = os.path.join(ROOT, "notebooks")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".ipynb"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            cells = json.load(f).get("cells", [])
        for cell in cells:
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            for line in source.splitlines():
                if line.startswith("%classpath"):
                    bad += [f"{name}: {p}" for p in line.split()[1:] if "target" in p and "target*/" not in p]
    check("every notebook's %classpath names ../target*/..., which matches nothing once postBuild has "
          "removed target/ (JJava fails on a missing ../target/lib)", not bad, "; ".join(bad[:4]))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_binder.py REPO2DOCKER")
    repo2docker = sys.argv[1]
    post_text = check_files()
    if post_text is None:
        print(f"{len(results) - results.count(False)} passed, {results.count(False)} failed (binder/ is incomplete)")
        sys.exit(1)
    check_notebooks()
    with tempfile.TemporaryDirectory(prefix="check-binder-") as tmp:
        repo = os.path.join(tmp, "repo")
        os.mkdir(repo)
        clean_copy(repo)
        proc, seconds = run_repo2docker(repo2docker, repo)
        ok = check("repo2docker --no-build --debug prints a Dockerfile, without a Docker daemon",
                   proc.returncode == 0 and "FROM " in proc.stdout,
                   f"exit {proc.returncode}: {proc.stderr.strip()[-500:]}")
        print(f"     repo2docker took {seconds:.1f} s")
        if ok:
            dockerfile = proc.stdout
            os.makedirs(os.path.join(ROOT, "build"), exist_ok=True)
            with open(os.path.join(ROOT, "build", "binder.Dockerfile"), "w", encoding="utf-8") as f:
                f.write(dockerfile)
            print("     the Dockerfile: build/binder.Dockerfile")
            check_dockerfile(dockerfile, proc.stderr)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
