#include "cli/git.h"

#include <spawn.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

extern char** environ;

namespace tadqiq::cli {

namespace {

// Runs git with `args` (no shell), returning its standard output; nullopt when it fails.
std::optional<std::string> run_git(std::vector<std::string> args, std::string& error) {
  args.insert(args.begin(), "git");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int out[2];
  if (pipe(out) != 0) {
    error = "cannot run git";
    return std::nullopt;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&fa, out[0]);
  posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid;
  const int rc = posix_spawnp(&pid, "git", &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    error = "git not found";
    return std::nullopt;
  }
  std::string text;
  char buf[65536];
  for (ssize_t n; (n = read(out[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    error = "git " + args[1] + " failed";
    return std::nullopt;
  }
  return text;
}

void add_nul_separated(const std::string& text, const std::filesystem::path& top, std::set<std::string>& out) {
  std::error_code ec;
  std::size_t b = 0;
  while (b < text.size()) {
    std::size_t e = text.find('\0', b);
    if (e == std::string::npos) e = text.size();
    if (e > b) out.insert(std::filesystem::weakly_canonical(top / text.substr(b, e - b), ec).string());
    b = e + 1;
  }
}

}  // namespace

std::optional<std::set<std::string>> changed_files(const std::string& rev, std::string& error) {
  if (rev.empty() || rev[0] == '-') {
    error = "not a revision: \"" + rev + "\"";
    return std::nullopt;
  }
  auto top = run_git({"rev-parse", "--show-toplevel"}, error);
  if (!top) {
    error = "not inside a git work tree";
    return std::nullopt;
  }
  while (!top->empty() && (top->back() == '\n' || top->back() == '\r')) top->pop_back();
  auto diff = run_git({"diff", "--name-only", "-z", rev, "--"}, error);
  if (!diff) {
    error = "git cannot diff against \"" + rev + "\"";
    return std::nullopt;
  }
  auto untracked = run_git({"ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/"}, error);
  if (!untracked) return std::nullopt;
  std::set<std::string> out;
  add_nul_separated(*diff, *top, out);
  add_nul_separated(*untracked, *top, out);
  return out;
}

}  // namespace tadqiq::cli
