// tadqiq/ingest/files.cpp — the file system side of ingest: reading files and standard
// input, and expanding directories into sorted lists of article files.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "ingest/internal.h"

namespace tadqiq::ingest::internal {
namespace {

namespace fs = std::filesystem;

std::string os_reason(int errnum) { return std::strerror(errnum); }

// Reads `fd` to its end, appending to `bytes` (reserve the expected size beforehand to avoid
// reallocations). Returns 0 or the errno of the failure.
int read_all(int fd, std::string& bytes) {
  char block[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd, block, sizeof block);
    if (got < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (got == 0) return 0;
    bytes.append(block, static_cast<std::size_t>(got));
  }
}

// Reads into buf[0, size) until it is full or the end of the file, retrying interrupted reads;
// returns the bytes read, with `err` the errno of a failed read (0 when none failed).
std::size_t read_upto(int fd, char* buf, std::size_t size, int& err) {
  err = 0;
  std::size_t got = 0;
  while (got < size) {
    const ssize_t r = ::read(fd, buf + got, size - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      err = errno;
      break;
    }
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
  }
  return got;
}

struct DirId {
  dev_t dev;
  ino_t ino;
  bool operator==(const DirId&) const = default;
};

// Appends the article files under `dir` to `files`. `ancestors` identifies the directories
// being walked (dir's own included once entered), to detect symbolic-link loops.
void walk(const fs::path& dir, std::vector<DirId>& ancestors, std::vector<std::string>& files,
          std::vector<InputError>& errors) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) {
    errors.push_back({dir.string(), std::nullopt, 0, "cannot read directory: " + os_reason(errno)});
    return;
  }
  const DirId id{st.st_dev, st.st_ino};
  if (std::find(ancestors.begin(), ancestors.end(), id) != ancestors.end()) {
    errors.push_back({dir.string(), std::nullopt, 0,
                      "skipped: a symbolic link back to a directory that contains it (a loop)"});
    return;
  }

  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    names.push_back(it->path().filename().string());
  if (ec) {
    errors.push_back({dir.string(), std::nullopt, 0, "cannot read directory: " + ec.message()});
    return;
  }
  std::sort(names.begin(), names.end());  // std::string compares bytes as unsigned char

  ancestors.push_back(id);
  for (const std::string& name : names) {
    if (name.starts_with('.')) continue;
    const fs::path child = dir / name;
    struct stat cst;
    if (::stat(child.c_str(), &cst) != 0) {
      // A dangling link or a racing removal: report it if it looks like an article.
      if (has_article_extension(name)) files.push_back(child.string());
    } else if (S_ISDIR(cst.st_mode)) {
      walk(child, ancestors, files, errors);
    } else if (S_ISREG(cst.st_mode) && has_article_extension(name)) {
      files.push_back(child.string());
    }
  }
  ancestors.pop_back();
}

// read_file's work on an open descriptor.
int read_fd(int fd, std::string& bytes) {
  struct stat st;
  int err = ::fstat(fd, &st) != 0 ? errno : 0;
  if (err == 0 && S_ISDIR(st.st_mode)) err = EISDIR;
  if (err == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    // A regular file is read straight into the string, sized from fstat; read_all then takes
    // whatever the file grew by meanwhile (and sees the end). A shorter read: it shrank.
    bytes.resize(static_cast<std::size_t>(st.st_size));
    const std::size_t got = read_upto(fd, bytes.data(), bytes.size(), err);
    bytes.resize(got);
    if (err == 0 && got == static_cast<std::size_t>(st.st_size)) err = read_all(fd, bytes);
  } else if (err == 0) {
    err = read_all(fd, bytes);
  }
  return err;
}

// read_input_file's regular-file path on an open descriptor. When it returns false it has
// consumed nothing of `fd`: it reads only a regular file (seekable), and rewinds it when the
// size changed while read.
bool read_regular_fd(int fd, FileBytes& bytes) {
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) return false;
  bytes.size = static_cast<std::size_t>(st.st_size);
  bytes.data = std::make_unique_for_overwrite<char[]>(bytes.size);
  int err = 0;
  char more;
  const bool ok = read_upto(fd, bytes.data.get(), bytes.size, err) == bytes.size && err == 0 &&
                  read_upto(fd, &more, 1, err) == 0 && err == 0;  // neither shrank nor grew
  if (!ok) {
    bytes = FileBytes{};
    ::lseek(fd, 0, SEEK_SET);
  }
  return ok;
}

}  // namespace

bool read_input_file(const std::string& path, FileBytes* file, std::string& bytes, std::string& reason) {
  bytes.clear();
  if (file) *file = FileBytes{};
  // Opened once: a FIFO opened, closed and opened again would lose what a writer wrote
  // between the two.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    reason = os_reason(errno);
    return false;
  }
  if (file && read_regular_fd(fd, *file)) {
    ::close(fd);
    return true;
  }
  const int err = read_fd(fd, bytes);
  ::close(fd);
  if (err != 0) {
    bytes.clear();
    reason = os_reason(err);
    return false;
  }
  return true;
}

bool read_file(const std::string& path, std::string& bytes, std::string& reason) {
  return read_input_file(path, nullptr, bytes, reason);
}

bool read_stdin(std::string& bytes, std::string& reason) {
  bytes.clear();
  if (const int err = read_all(STDIN_FILENO, bytes); err != 0) {
    bytes.clear();
    reason = os_reason(err);
    return false;
  }
  return true;
}

PathType path_type(const std::string& path, std::string& reason) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    reason = os_reason(errno);
    return PathType::unusable;
  }
  return S_ISDIR(st.st_mode) ? PathType::directory : PathType::file;
}

std::string lower_extension(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  std::string ext(name.substr(dot));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return ext;
}

bool has_article_extension(std::string_view name) {
  const std::string ext = lower_extension(name);
  return ext == ".md" || ext == ".markdown" || ext == ".txt" || ext == ".jsonl";
}

std::vector<std::string> list_directory(const std::string& dir, std::vector<InputError>& errors) {
  std::vector<std::string> files;
  std::vector<DirId> ancestors;
  walk(fs::path(dir), ancestors, files, errors);
  return files;
}

}  // namespace tadqiq::ingest::internal
