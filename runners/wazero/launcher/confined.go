package main

import (
	"io/fs"
	"os"
	"path"
	"strings"

	experimentalsys "github.com/tetratelabs/wazero/experimental/sys"
	"github.com/tetratelabs/wazero/experimental/sysfs"
	"github.com/tetratelabs/wazero/sys"
)

// wazero's directory mount cleans each path lexically, so ".." cannot
// climb out of it, but it hands the result to the operating system, which
// follows symbolic links wherever they point: a link in the scratch
// directory, planted there or made by the guest itself (path_symlink),
// reads and writes any file the launcher may (wazero issue #2321; its
// maintainers leave sandboxing WASI's file system to the embedder). The
// hostile-guest test in internal/run proves it.
//
// confinedFS closes that: it resolves every path itself, link by link,
// inside the mounted directory, and passes the operating system a path
// with no link left in it. A link whose target is absolute (a host path)
// or climbs above the directory is refused with EPERM, as Wasmtime's
// cap-std does. Checking first and opening second leaves a window in
// which the directory could change, but only the guest (one thread) and
// edgewasm, which does not touch it during an invocation, write there.

// maxLinks bounds the links followed in one path, as Linux's MAXSYMLINKS.
const maxLinks = 40

type confinedFS struct {
	experimentalsys.FS        // sysfs.DirFS(root)
	root               string // the host directory
}

func newConfinedFS(root string) experimentalsys.FS {
	return &confinedFS{FS: sysfs.DirFS(root), root: root}
}

// resolve returns p (relative to the mount) with every symbolic link in
// it resolved inside the mount; the last element is followed only when
// follow is set.
func (c *confinedFS) resolve(p string, follow bool) (string, experimentalsys.Errno) {
	parts := split(p)
	var done []string // resolved elements; none of them is a link
	links := 0
	for len(parts) > 0 {
		name := parts[0]
		parts = parts[1:]
		switch name {
		case ".":
			continue
		case "..":
			if len(done) == 0 {
				return "", experimentalsys.EPERM
			}
			done = done[:len(done)-1]
			continue
		}
		next := append(done[:len(done):len(done)], name)
		if len(parts) == 0 && !follow {
			done = next
			break
		}
		fi, err := os.Lstat(c.root + "/" + strings.Join(next, "/"))
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			// Not a link (or not there: the operation itself says so).
			done = next
			continue
		}
		if links++; links > maxLinks {
			return "", experimentalsys.ELOOP
		}
		target, err := os.Readlink(c.root + "/" + strings.Join(next, "/"))
		if err != nil {
			return "", experimentalsys.UnwrapOSError(err)
		}
		if path.IsAbs(target) {
			return "", experimentalsys.EPERM // a host path
		}
		// The target replaces the link, relative to the link's directory.
		parts = append(split(target), parts...)
	}
	if len(done) == 0 {
		return ".", 0
	}
	return strings.Join(done, "/"), 0
}

func split(p string) []string {
	var out []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// OpenFile implements experimentalsys.FS.
func (c *confinedFS) OpenFile(p string, flag experimentalsys.Oflag, perm fs.FileMode) (experimentalsys.File, experimentalsys.Errno) {
	r, errno := c.resolve(p, flag&experimentalsys.O_NOFOLLOW == 0)
	if errno != 0 {
		return nil, errno
	}
	return c.FS.OpenFile(r, flag, perm)
}

// Lstat implements experimentalsys.FS.
func (c *confinedFS) Lstat(p string) (sys.Stat_t, experimentalsys.Errno) {
	r, errno := c.resolve(p, false)
	if errno != 0 {
		return sys.Stat_t{}, errno
	}
	return c.FS.Lstat(r)
}

// Stat implements experimentalsys.FS.
func (c *confinedFS) Stat(p string) (sys.Stat_t, experimentalsys.Errno) {
	r, errno := c.resolve(p, true)
	if errno != 0 {
		return sys.Stat_t{}, errno
	}
	return c.FS.Stat(r)
}

// Mkdir implements experimentalsys.FS.
func (c *confinedFS) Mkdir(p string, perm fs.FileMode) experimentalsys.Errno {
	r, errno := c.resolve(p, false)
	if errno != 0 {
		return errno
	}
	return c.FS.Mkdir(r, perm)
}

// Chmod implements experimentalsys.FS.
func (c *confinedFS) Chmod(p string, perm fs.FileMode) experimentalsys.Errno {
	r, errno := c.resolve(p, true)
	if errno != 0 {
		return errno
	}
	return c.FS.Chmod(r, perm)
}

// Rename implements experimentalsys.FS.
func (c *confinedFS) Rename(from, to string) experimentalsys.Errno {
	rf, errno := c.resolve(from, false)
	if errno != 0 {
		return errno
	}
	rt, errno := c.resolve(to, false)
	if errno != 0 {
		return errno
	}
	return c.FS.Rename(rf, rt)
}

// Rmdir implements experimentalsys.FS.
func (c *confinedFS) Rmdir(p string) experimentalsys.Errno {
	r, errno := c.resolve(p, false)
	if errno != 0 {
		return errno
	}
	return c.FS.Rmdir(r)
}

// Unlink implements experimentalsys.FS.
func (c *confinedFS) Unlink(p string) experimentalsys.Errno {
	r, errno := c.resolve(p, false)
	if errno != 0 {
		return errno
	}
	return c.FS.Unlink(r)
}

// Link implements experimentalsys.FS (link(2) does not follow a last
// link in oldPath).
func (c *confinedFS) Link(oldPath, newPath string) experimentalsys.Errno {
	ro, errno := c.resolve(oldPath, false)
	if errno != 0 {
		return errno
	}
	rn, errno := c.resolve(newPath, false)
	if errno != 0 {
		return errno
	}
	return c.FS.Link(ro, rn)
}

// Symlink implements experimentalsys.FS: a link may say anything; it is
// following it that resolve polices.
func (c *confinedFS) Symlink(oldPath, linkName string) experimentalsys.Errno {
	r, errno := c.resolve(linkName, false)
	if errno != 0 {
		return errno
	}
	return c.FS.Symlink(oldPath, r)
}

// Readlink implements experimentalsys.FS.
func (c *confinedFS) Readlink(p string) (string, experimentalsys.Errno) {
	r, errno := c.resolve(p, false)
	if errno != 0 {
		return "", errno
	}
	return c.FS.Readlink(r)
}

// Utimens implements experimentalsys.FS.
func (c *confinedFS) Utimens(p string, atim, mtim int64) experimentalsys.Errno {
	r, errno := c.resolve(p, true)
	if errno != 0 {
		return errno
	}
	return c.FS.Utimens(r, atim, mtim)
}
