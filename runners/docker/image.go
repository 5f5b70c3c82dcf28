package docker

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/client"

	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
	"github.com/edgewasm/edgewasm/runners/internal/proc"
	"github.com/edgewasm/edgewasm/runners/tempdir"
)

// image is a prepared workload image.
type image struct {
	Tag   string
	ID    string
	Size  int64
	Built bool // built by this run (false: reused)
}

// guestBinary is where the workload binary lives inside the image.
const guestBinary = "/workload"

// dockerfile is the build recipe: nothing but the static binary.
func dockerfile(user string) string {
	return "FROM scratch\n" +
		"COPY workload " + guestBinary + "\n" +
		"USER " + user + "\n" +
		"ENTRYPOINT [\"" + guestBinary + "\"]\n"
}

// buildContext returns the tar build context holding the Dockerfile and
// the binary, and the hex SHA-256 of that content. Headers carry no
// timestamps or owners, so equal inputs give equal bytes.
func buildContext(dockerfileText string, binary []byte) ([]byte, string, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	files := []struct {
		name string
		mode int64
		data []byte
	}{
		{"Dockerfile", 0o644, []byte(dockerfileText)},
		{"workload", 0o755, binary},
	}
	for _, f := range files {
		hdr := &tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.data)), Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, "", err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, "", err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(buf.Bytes())
	return buf.Bytes(), hex.EncodeToString(sum[:]), nil
}

// labelledHash folds the image's labels into its content hash: an image
// built with other labels (another test's, another fleet's) is another
// image, and removing one by its labels must never remove an image that a
// differently labelled runner is using.
func (r *Runner) labelledHash(hash string) string {
	labels := r.labels()
	keys := slices.Sorted(maps.Keys(labels))
	h := sha256.New()
	h.Write([]byte(hash))
	for _, k := range keys {
		fmt.Fprintf(h, "\x00%s=%s", k, labels[k])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ImageTag names a workload's image by the hash of its build context and
// labels (see labelledHash):
// edgewasm/<test>-<lang>:<first 16 hex digits>.
func ImageTag(w runners.Workload, hash string) string {
	return "edgewasm/" + w.Test + "-" + w.Lang + ":" + hash[:16]
}

// Prepare implements runners.Runner: it builds each workload statically
// and makes sure an image with its content-hash tag exists, building it
// through the API only when it does not.
func (r *Runner) Prepare(ctx context.Context, ws []runners.Workload) error {
	if r.buildDir == nil {
		d, err := tempdir.New("docker-")
		if err != nil {
			return err
		}
		r.buildDir = d
	}
	if r.cliBin != "" && r.spawner == nil {
		sp, err := proc.NewSpawner(ctx, r.cfg.Tools, r.buildDir.Path)
		if err != nil {
			return fmt.Errorf("docker: %w", err)
		}
		r.spawner = sp
	}
	for _, w := range ws {
		bin := filepath.Join(r.buildDir.Path, strings.ReplaceAll(w.ID(), "/", "-")+"-static")
		if err := build.Workload(ctx, r.cfg.Tools, w.Lang, w.Dir, w.Include, bin, true); err != nil {
			return fmt.Errorf("docker: workload %s: %w", w.ID(), err)
		}
		data, err := os.ReadFile(bin)
		if err != nil {
			return err
		}
		tarball, hash, err := buildContext(dockerfile(r.cfg.User), data)
		if err != nil {
			return fmt.Errorf("docker: build context of %s: %w", w.ID(), err)
		}
		im, err := r.ensureImage(ctx, ImageTag(w, r.labelledHash(hash)), tarball)
		if err != nil {
			return fmt.Errorf("docker: image of %s: %w", w.ID(), err)
		}
		r.images[w.ID()] = im
	}
	return nil
}

// ensureImage returns the image tagged tag, building it from tarball if
// the daemon does not have it.
func (r *Runner) ensureImage(ctx context.Context, tag string, tarball []byte) (image, error) {
	if im, err := r.inspectImage(ctx, tag); err == nil {
		return im, nil
	} else if !cerrdefs.IsNotFound(err) {
		return image{}, err
	}
	res, err := r.cli.ImageBuild(ctx, bytes.NewReader(tarball), client.ImageBuildOptions{
		Tags: []string{tag}, Labels: r.labels(), Remove: true, ForceRemove: true,
		NetworkMode: "none", Dockerfile: "Dockerfile",
	})
	if err != nil {
		return image{}, err
	}
	defer res.Body.Close()
	if err := readBuildStream(res.Body); err != nil {
		return image{}, err
	}
	im, err := r.inspectImage(ctx, tag)
	im.Built = true
	return im, err
}

func (r *Runner) inspectImage(ctx context.Context, tag string) (image, error) {
	in, err := r.cli.ImageInspect(ctx, tag)
	if err != nil {
		return image{}, err
	}
	return image{Tag: tag, ID: in.ID, Size: in.Size}, nil
}

// buildMessage is one line of the build progress stream.
type buildMessage struct {
	Stream      string `json:"stream"`
	Error       string `json:"error"`
	ErrorDetail *struct {
		Message string `json:"message"`
	} `json:"errorDetail"`
}

// readBuildStream drains the build's JSON progress stream and returns the
// build error it reports, with the last lines of output for context.
func readBuildStream(body io.Reader) error {
	dec := json.NewDecoder(body)
	var tail []string
	for {
		var m buildMessage
		err := dec.Decode(&m)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading build output: %w", err)
		}
		if s := strings.TrimSpace(m.Stream); s != "" {
			tail = append(tail, s)
			if len(tail) > 5 {
				tail = tail[1:]
			}
		}
		msg := m.Error
		if m.ErrorDetail != nil && m.ErrorDetail.Message != "" {
			msg = m.ErrorDetail.Message
		}
		if msg != "" {
			return fmt.Errorf("build failed: %s (after: %s)", msg, strings.Join(tail, " | "))
		}
	}
}

func (r *Runner) removeBuildDir() error {
	err := r.buildDir.Remove()
	r.buildDir = nil
	return err
}
