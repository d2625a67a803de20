// tadqiq/ingest/ingest.cpp — load(): command-line paths → articles and input errors.
#include <new>
#include <utility>

#include "ingest/internal.h"

namespace tadqiq::ingest {
namespace {

using namespace internal;

void add_error(Result& out, std::string file, std::string message) {
  out.errors.push_back(InputError{std::move(file), std::nullopt, 0, std::move(message)});
}

// Decodes and parses the raw `bytes` of one input into `out`. `path` is the input as given
// (or as found in a directory), `name` names it in messages and is its default id; `format`
// is "" when the content decides (standard input: Markdown when it opens with a
// front-matter line, else text).
void load_bytes(const std::string& path, const std::string& name, std::string format,
                std::string bytes, const Options& opts, Result& out) {
  // A document's fingerprint is of its raw bytes, taken before decoding may reuse them.
  // (Standard input without a format is never JSONL, whose fingerprints are per record.)
  const std::string sha = format == "jsonl" ? std::string() : sha256_hex(bytes);
  InputError err;
  auto doc = internal::decode_owned(std::move(bytes), name, opts, err);
  if (!doc) {
    out.errors.push_back(std::move(err));
    return;
  }
  if (format.empty()) format = starts_with_front_matter(doc->text) ? "markdown" : "text";
  if (format == "jsonl") {
    load_jsonl(path, doc->text, doc->encoding, doc->byte_base, out);
    return;
  }

  Article a;
  a.id = name;
  a.path = path;
  a.format = std::move(format);
  a.encoding = std::move(doc->encoding);
  a.sha256 = sha;
  a.text = std::move(doc->text);
  a.byte_base = doc->byte_base;
  if (a.format == "markdown" && !parse_markdown(a, err)) {
    err.file = name;
    out.errors.push_back(std::move(err));
    return;
  }
  out.articles.push_back(std::move(a));
}

void load_file(const std::string& path, const Options& opts, Result& out) {
  std::string format = format_of(path);
  // JSON Lines are parsed straight from the file's bytes when they are UTF-8 as they are:
  // their records are copied out anyway, so the file is not copied (nor zero-filled) first.
  FileBytes file;
  std::string bytes, reason;
  if (!read_input_file(path, format == "jsonl" ? &file : nullptr, bytes, reason)) {
    add_error(out, path, "cannot read: " + reason);
    return;
  }
  if (file.data) {
    std::size_t bom = 0;
    InputError err;
    switch (decode_in_place(file.view(), path, opts, bom, err)) {
      case InPlace::utf8: load_jsonl(path, file.view().substr(bom), "UTF-8", bom, out); return;
      case InPlace::invalid: out.errors.push_back(std::move(err)); return;
      case InPlace::convert: bytes.assign(file.view()); break;
    }
  }
  load_bytes(path, path, std::move(format), std::move(bytes), opts, out);
}

void load_stdin(const Options& opts, Result& out) {
  std::string bytes, reason;
  if (!read_stdin(bytes, reason)) {
    add_error(out, opts.stdin_name, "cannot read standard input: " + reason);
    return;
  }
  load_bytes("-", opts.stdin_name, opts.stdin_format, std::move(bytes), opts, out);
}

// Runs one step of loading input `name`. Bad input never throws; what can escape is
// running out of memory (or a library failing unexpectedly), and it costs this input only.
template <class Step>
void guarded(const std::string& name, Result& out, Step&& step) {
  try {
    step();
  } catch (const std::bad_alloc&) {
    add_error(out, name, "out of memory while loading this input");
  } catch (const std::exception& e) {
    add_error(out, name, std::string("internal error while loading this input: ") + e.what());
  }
}

}  // namespace

std::string format_of(std::string_view path) {
  const std::string ext = lower_extension(path);
  if (ext == ".md" || ext == ".markdown") return "markdown";
  if (ext == ".jsonl") return "jsonl";
  return "text";
}

Result load(const std::vector<std::string>& paths, const Options& opts) {
  Result out;
  if (auto problem = encoding_problem(opts.encoding)) {
    // One error per path rather than one per file found: the option is at fault.
    for (const std::string& p : paths) add_error(out, p == "-" ? opts.stdin_name : p, *problem);
    return out;
  }

  bool stdin_read = false;
  for (const std::string& p : paths) {
    if (p == "-") {
      if (stdin_read) {
        add_error(out, opts.stdin_name, "standard input given more than once; read only once");
        continue;
      }
      stdin_read = true;
      guarded(opts.stdin_name, out, [&] { load_stdin(opts, out); });
      continue;
    }
    std::string reason;
    switch (path_type(p, reason)) {
      case PathType::unusable:
        add_error(out, p, "cannot read: " + reason);
        break;
      case PathType::file:
        guarded(p, out, [&] { load_file(p, opts, out); });
        break;
      case PathType::directory: {
        std::vector<std::string> files;
        guarded(p, out, [&] { files = list_directory(p, out.errors); });
        for (const std::string& f : files)
          if (!opts.exclude || !opts.exclude(f)) guarded(f, out, [&] { load_file(f, opts, out); });
        break;
      }
    }
  }
  return out;
}

}  // namespace tadqiq::ingest
