// SPDX-License-Identifier: MIT
#include "body.hpp"

#include <algorithm>
#include <string>

namespace archiver::extract::detail {

namespace {

bool is_paragraph_tag(std::string_view t) { return t == "p" || t == "pre" || t == "td" || t == "blockquote"; }

bool is_div_like(std::string_view t) {
    return t == "div" || t == "section" || t == "article" || t == "main" || t == "span" ||
           t == "font" || t == "center" || t == "dd" || t == "figure";
}

double tag_base(std::string_view t) {
    if (t == "div" || t == "article" || t == "section" || t == "main") {
        return 5;
    }
    if (t == "pre" || t == "td" || t == "blockquote") {
        return 3;
    }
    if (t == "address" || t == "ol" || t == "ul" || t == "dl" || t == "dd" || t == "dt" ||
        t == "li" || t == "form") {
        return -3;
    }
    if (t == "h1" || t == "h2" || t == "h3" || t == "h4" || t == "h5" || t == "h6" || t == "th") {
        return -5;
    }
    return 0;
}

void touch(Info& info) {
    if (!info.scored) {
        info.scored = true;
        info.score = tag_base(info.tag) + info.class_weight;
    }
}

std::size_t idx(int i) { return static_cast<std::size_t>(i); }

} // namespace

std::vector<int> choose_body(Analysis& a) {
    auto& infos = a.infos;
    // 1. Score text blocks into their ancestors.
    for (std::size_t i = 0; i < infos.size(); ++i) {
        const Info& info = infos[i];
        if (info.dead || info.parent < 0) {
            continue;
        }
        int len = 0;
        int punct = 0;
        if (is_paragraph_tag(info.tag)) {
            len = info.chars;
            punct = info.punct;
        } else if (is_div_like(info.tag) && info.own_chars - info.own_link_chars >= 25) {
            len = info.own_chars;
            punct = info.own_punct;
        } else {
            continue;
        }
        if (len < 25) {
            continue;
        }
        double content = 1.0 + punct + std::min(len / 100, 3);
        int anc = info.parent;
        if (!is_paragraph_tag(info.tag)) {
            // A div holding its own text scores itself like a paragraph would its parent.
            anc = static_cast<int>(i);
        }
        for (int level = 0; anc >= 0 && level < 5; ++level) {
            Info& target = infos[idx(anc)];
            touch(target);
            double divider = level == 0 ? 1.0 : (level == 1 ? 2.0 : level * 3.0);
            target.score += content / divider;
            anc = target.parent;
        }
    }
    // 2. Link density scales every candidate; pick the best.
    int top = -1;
    std::vector<int> candidates;
    for (std::size_t i = 0; i < infos.size(); ++i) {
        Info& info = infos[i];
        if (!info.scored || info.dead) {
            continue;
        }
        info.score *= 1.0 - a.link_density(info);
        candidates.push_back(static_cast<int>(i));
        if (top < 0 || info.score > infos[idx(top)].score) {
            top = static_cast<int>(i);
        }
    }
    if (top < 0) {
        return {};
    }
    // 3. When several strong candidates share an ancestor, the article is split across
    // them: take the ancestor.
    std::sort(candidates.begin(), candidates.end(),
              [&](int x, int y) { return infos[idx(x)].score > infos[idx(y)].score; });
    double top_score = infos[idx(top)].score;
    std::vector<int> alternatives;
    for (std::size_t k = 1; k < candidates.size() && k < 5; ++k) {
        if (infos[idx(candidates[k])].score / top_score >= 0.75) {
            alternatives.push_back(candidates[k]);
        }
    }
    if (alternatives.size() >= 3) {
        for (int anc = infos[idx(top)].parent; anc > 0; anc = infos[idx(anc)].parent) {
            int contained = 0;
            for (int alt : alternatives) {
                for (int p = alt; p >= 0; p = infos[idx(p)].parent) {
                    if (p == anc) {
                        ++contained;
                        break;
                    }
                }
            }
            if (contained >= 3) {
                top = anc;
                break;
            }
        }
    }
    // 4. Climb while the parent scores better (the body spread over sibling blocks).
    {
        double last = infos[idx(top)].score;
        double threshold = last / 3.0;
        for (int p = infos[idx(top)].parent; p > 0; p = infos[idx(p)].parent) {
            const Info& parent = infos[idx(p)];
            if (!parent.scored) {
                continue;
            }
            if (parent.score < threshold) {
                break;
            }
            if (parent.score > last) {
                top = p;
                break;
            }
            last = parent.score;
        }
    }
    // An only child stands for its parent.
    while (infos[idx(top)].parent > 0) {
        const Info& parent = infos[idx(infos[idx(top)].parent)];
        int kept = 0;
        for (const html::Node& c : parent.node.element_children()) {
            if (const Info* ci = a.find(c); ci != nullptr && !ci->dead) {
                ++kept;
            }
        }
        if (kept != 1) {
            break;
        }
        top = infos[idx(top)].parent;
    }
    // 5. Siblings that belong to the article.
    const Info& best = infos[idx(top)];
    if (best.parent < 0) {
        return {top};
    }
    std::vector<int> out;
    double sibling_threshold = std::max(10.0, best.score * 0.2);
    std::string_view best_class = best.node.attr("class");
    for (const html::Node& c : infos[idx(best.parent)].node.element_children()) {
        const Info* s = a.find(c);
        if (s == nullptr || s->dead) {
            continue;
        }
        int si = static_cast<int>(s - infos.data());
        if (si == top) {
            out.push_back(si);
            continue;
        }
        double bonus = (!best_class.empty() && c.attr("class") == best_class) ? best.score * 0.2 : 0;
        bool append = false;
        if (s->scored && s->score + bonus >= sibling_threshold) {
            append = true;
        } else if (s->tag == "p" || (is_div_like(s->tag) && s->chars == s->own_chars)) {
            double ld = a.link_density(*s);
            if (s->chars > 80 && ld < 0.25) {
                append = true;
            } else if (s->chars > 0 && s->chars <= 80 && ld == 0 && s->punct > 0) {
                append = true;
            }
        }
        if (append) {
            out.push_back(si);
        }
    }
    return out;
}

bool is_clutter(const Analysis& a, const Info& info) {
    std::string_view t = info.tag;
    bool table = t == "table";
    bool list = t == "ul" || t == "ol";
    if (!(t == "div" || t == "section" || t == "form" || t == "fieldset" || table || list ||
          t == "header" || t == "figure")) {
        return false;
    }
    if (!list && info.chars > 0 && info.list_items > 0) {
        // A div that is mostly a list counts as a list.
        list = info.paragraphs == 0 && info.list_items >= 2;
    }
    double score = info.scored ? info.score : 0;
    if (info.class_weight + score < 0) {
        return true;
    }
    // Prose has punctuation of its own; the titles in a list of links do not count.
    if (info.punct - info.link_punct >= 10) {
        return false;
    }
    int p = info.paragraphs;
    int img = info.images;
    int li = info.list_items - 100;
    double ld = a.link_density(info);
    int len = info.chars;
    double heading_density = len == 0 ? 0 : static_cast<double>(info.heading_chars) / len;
    if (t == "figure") {
        return false;
    }
    if (img > 1 && static_cast<double>(p) / img < 0.5) {
        return true;
    }
    if (!list && li > p) {
        return true;
    }
    if (info.inputs > p / 3) {
        return true;
    }
    if (!list && heading_density < 0.9 && len < 25 && (img == 0 || img > 2) && ld > 0) {
        return true;
    }
    if (info.class_weight < 25 && ld > 0.2) {
        return true;
    }
    if (info.class_weight >= 25 && ld > 0.5) {
        return true;
    }
    if ((info.embeds == 1 && len < 75) || info.embeds > 1) {
        return true;
    }
    if (img == 0 && len == 0 && !table) {
        return true;
    }
    return false;
}

} // namespace archiver::extract::detail
