// SPDX-License-Identifier: MIT
// OPML 2.0 out (the configured sources) and in (`import opml`).
#include <archiver/export/export.hpp>

#include "xml_text.hpp"

#include <pugixml.hpp>

#include <cstdio>
#include <map>
#include <sstream>

namespace archiver::exporter {
namespace {

void add_outline(pugi::xml_node parent, const Source& s) {
    auto o = parent.append_child("outline");
    const std::string title = xml_safe(s.title.empty() ? s.name : s.title);
    o.append_attribute("text") = title.c_str();
    o.append_attribute("title") = title.c_str();
    if (s.type == SourceType::html || s.type == SourceType::json) {
        // A list page or JSON endpoint is not a feed other readers could subscribe to.
        o.append_attribute("type") = "link";
        o.append_attribute("url") = xml_safe(s.url).c_str();
    } else {
        o.append_attribute("type") = "rss";
        o.append_attribute("xmlUrl") = xml_safe(s.url).c_str();
    }
    if (!s.lang.empty()) {
        o.append_attribute("language") = xml_safe(s.lang).c_str();
    }
}

void collect(pugi::xml_node node, std::vector<std::string>& path, std::vector<OpmlFeed>& out) {
    for (auto child : node.children("outline")) {
        std::string title = child.attribute("title").as_string();
        if (title.empty()) {
            title = child.attribute("text").as_string();
        }
        const std::string xml_url = child.attribute("xmlUrl").as_string();
        if (!xml_url.empty()) {
            out.push_back({title, xml_url, child.attribute("htmlUrl").as_string(), path});
        }
        const bool folder = xml_url.empty() && !title.empty();
        if (folder) {
            path.push_back(title);
        }
        collect(child, path, out);
        if (folder) {
            path.pop_back();
        }
    }
}

std::string toml_string(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        const auto b = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (b < 0x20 || b == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04X", b);
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

} // namespace

std::string export_opml(const std::vector<Source>& sources, std::int64_t now) {
    pugi::xml_document xml;
    auto decl = xml.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "utf-8";
    auto opml = xml.append_child("opml");
    opml.append_attribute("version") = "2.0";
    auto head = opml.append_child("head");
    head.append_child("title").text().set("archiver sources");
    head.append_child("dateCreated").text().set(rfc822_utc(now).c_str());
    auto body = opml.append_child("body");
    std::map<std::string, pugi::xml_node> folders;
    for (const auto& s : sources) {
        if (s.categories.empty()) {
            add_outline(body, s);
            continue;
        }
        auto& folder = folders[s.categories.front()];
        if (!folder) {
            folder = body.append_child("outline");
            const std::string name = xml_safe(s.categories.front());
            folder.append_attribute("text") = name.c_str();
            folder.append_attribute("title") = name.c_str();
        }
        add_outline(folder, s);
    }
    std::ostringstream out;
    xml.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

Result<std::vector<OpmlFeed>> parse_opml(std::string_view text) {
    pugi::xml_document xml;
    // No DTD processing in pugixml: entity bombs and external entities cannot expand.
    const auto parsed = xml.load_buffer(text.data(), text.size());
    if (!parsed) {
        return unexpected(Error{Stage::parse, std::string("invalid OPML: ") +
                                                  parsed.description() + " at offset " +
                                                  std::to_string(parsed.offset)});
    }
    const auto body = xml.child("opml").child("body");
    if (!body) {
        return unexpected(Error{Stage::parse, "invalid OPML: no <opml><body>"});
    }
    std::vector<OpmlFeed> out;
    std::vector<std::string> path;
    collect(body, path, out);
    return out;
}

std::string source_file_text(const OpmlFeed& feed) {
    std::string out = "# Imported from OPML\n";
    if (!feed.title.empty()) {
        out += "title = " + toml_string(feed.title) + "\n";
    }
    out += "url = " + toml_string(feed.xml_url) + "\n";
    out += "type = \"feed\"\n";
    if (!feed.categories.empty()) {
        out += "categories = [";
        for (std::size_t i = 0; i < feed.categories.size(); ++i) {
            out += (i ? ", " : "") + toml_string(feed.categories[i]);
        }
        out += "]\n";
    }
    return out;
}

} // namespace archiver::exporter
