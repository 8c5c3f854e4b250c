#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Deterministic corpus for the whole-run benchmark.

Writes OUT/www/ (served by nginx as the site root):
  feeds/fNNNN.xml       N feeds, 30 items each; formats cycle RSS 2.0, Atom 1.0, RDF (RSS 1.0);
                        every 5th feed is a Chinese RSS 2.0 feed encoded as GBK
  a/NNNN/MM.html        one article page per item, 20-80 KB, English or Chinese (the feed's
                        language), wrapped in boilerplate: nav, share bar, related list,
                        comments, footer
  syn/...               every 10th item of a feed links to an article syndicated under
                        several URLs: the same body under 3 different paths (and sources)
and OUT/lists/: feeds.txt (feed URLs), pages.txt (page URLs, unique), all.txt (both).
The same N and seed always give the same bytes (no clock, no hash randomisation).
"""
import argparse
import os
import random

EN_WORDS = (
    "the of and to in a is that for on with as was by at from it be this are which an has have "
    "market company growth report data model network users product service revenue quarter "
    "investment platform technology research energy policy city government industry system "
    "software hardware chip cloud storage battery vehicle electric customers analysts prices "
    "supply demand global local regional manager director engineer team launch release update"
).split()
ZH_CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后"
    "多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由"
    "其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建"
    "月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较"
    "将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金"
    "增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八"
    "离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连"
)
ZH_PUNCT = "，，，，。。、；："


SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]


def make_lexicon(rng, lang):
    """Each article draws from its own topic words (as real articles do), so texts differ in
    their shingles and only the syndicated copies are duplicates (SimHash stays far apart)."""
    if lang == "en":
        topic = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
                 for _ in range(120)]
        return EN_WORDS + topic + topic
    return "".join(rng.sample(ZH_CHARS, 180))


def en_sentence(rng, lex=EN_WORDS):
    n = rng.randint(8, 22)
    words = [rng.choice(lex) for _ in range(n)]
    return " ".join(words).capitalize() + rng.choice("....?!")


def zh_sentence(rng, lex=ZH_CHARS):
    parts = []
    for _ in range(rng.randint(2, 4)):
        parts.append("".join(rng.choice(lex) for _ in range(rng.randint(6, 16))))
    return "，".join(parts) + "。"


def paragraph(rng, lang, lex):
    if lang == "en":
        return " ".join(en_sentence(rng, lex) for _ in range(rng.randint(3, 7)))
    return "".join(zh_sentence(rng, lex) for _ in range(rng.randint(3, 7)))


def title_of(rng, lang):
    if lang == "en":
        return " ".join(rng.choice(EN_WORDS) for _ in range(rng.randint(5, 10))).title()
    return "".join(rng.choice(ZH_CHARS) for _ in range(rng.randint(10, 20)))


def boilerplate_nav(rng, lang, host):
    label = "Home News Tech Business World Opinion Video Sports".split() if lang == "en" else \
        ["首页", "新闻", "科技", "财经", "国际", "评论", "视频", "体育"]
    links = "".join(f'<li><a href="/section/{i}.html">{w}</a></li>' for i, w in enumerate(label))
    return f'<header class="site-header"><div class="logo"><a href="/">{host}</a></div>' \
           f'<nav class="main-nav"><ul>{links}</ul></nav></header>'


def boilerplate_related(rng, lang):
    items = "".join(
        f'<li><a href="/a/{rng.randint(0, 9999):04d}/{rng.randint(0, 29):02d}.html">'
        f'{title_of(rng, lang)}</a></li>' for _ in range(10))
    head = "Related stories" if lang == "en" else "相关阅读"
    return f'<aside class="related"><h3>{head}</h3><ul>{items}</ul></aside>'


def boilerplate_comments(rng, lang):
    out = ['<section id="comments" class="comments">']
    for i in range(rng.randint(3, 8)):
        out.append(f'<div class="comment"><span class="user">user{rng.randint(1, 99999)}</span>'
                   f'<p>{en_sentence(rng) if lang == "en" else zh_sentence(rng)}</p></div>')
    out.append("</section>")
    return "".join(out)


def article_page(rng, lang, title, date_iso, url, author, body_paras, charset="utf-8"):
    host = "bench.example" if lang == "en" else "bench.example.cn"
    share = '<div class="share-bar"><a href="#">Share</a> <a href="#">Tweet</a> ' \
            '<a href="#">Email</a></div>'
    body = []
    for i, p in enumerate(body_paras):
        if i and i % 6 == 0:
            body.append(f'<h2>{p[:40]}</h2>')
        elif i and i % 9 == 0:
            body.append(f'<figure><img src="/img/{i}.jpg" alt=""><figcaption>{p[:30]}'
                        f'</figcaption></figure>')
        else:
            body.append(f"<p>{p}</p>")
    footer_text = ("Copyright Bench Media. All rights reserved. About us | Contact | Privacy"
                   if lang == "en" else "版权所有 基准传媒 关于我们 | 联系我们 | 隐私政策")
    scripts = "<script>var _hm=[];(function(){var s=document.createElement('script');" \
              "s.src='/t.js';document.head.appendChild(s);})();</script>"
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}">'
        f"<title>{title} - Bench Media</title>"
        f'<meta property="og:title" content="{title}">'
        f'<meta property="og:url" content="{url}">'
        f'<meta property="article:published_time" content="{date_iso}">'
        f'<meta name="author" content="{author}">'
        f'<link rel="canonical" href="{url}">{scripts}</head><body>'
        f"{boilerplate_nav(rng, lang, host)}{share}"
        f'<div class="container"><main><article class="post">'
        f'<h1 class="post-title">{title}</h1>'
        f'<div class="meta"><span class="byline">{author}</span> '
        f'<time datetime="{date_iso}">{date_iso[:10]}</time></div>'
        f'<div class="post-body">{"".join(body)}</div></article>'
        f"{share}{boilerplate_comments(rng, lang)}</main>"
        f"{boilerplate_related(rng, lang)}</div>"
        f'<footer class="site-footer"><p>{footer_text}</p></footer></body></html>'
    )


def body_for_size(rng, lang, target_bytes):
    paras, size = [], 0
    lex = make_lexicon(rng, lang)
    while size < target_bytes:
        p = paragraph(rng, lang, lex)
        paras.append(p)
        size += len(p.encode("utf-8")) + 7
    return paras


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rfc822(day, hour):
    return f"{['Mon','Tue','Wed','Thu','Fri','Sat','Sun'][day % 7]}, {1 + day % 28:02d} " \
           f"Oct 2026 {hour:02d}:{(day * 7) % 60:02d}:00 +0000"


def iso(day, hour):
    return f"2026-10-{1 + day % 28:02d}T{hour:02d}:{(day * 7) % 60:02d}:00Z"


def render_feed(fmt, idx, lang, base, items):
    title = f"Bench feed {idx}" if lang == "en" else f"基准订阅 {idx}"
    link = f"{base}/"
    if fmt == "atom":
        entries = "".join(
            f"<entry><id>{base}/id/{idx}/{i}</id><title>{xml_escape(t)}</title>"
            f'<link rel="alternate" href="{u}"/><updated>{iso(d, h)}</updated>'
            f"<author><name>{a}</name></author><summary>{xml_escape(s)}</summary></entry>"
            for i, (t, u, d, h, a, s) in enumerate(items))
        return (f'<?xml version="1.0" encoding="utf-8"?>\n'
                f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>'
                f'<link href="{link}"/><id>{base}/feeds/{idx}</id>'
                f"<updated>{iso(1, 0)}</updated>{entries}</feed>\n")
    if fmt == "rdf":
        seq = "".join(f'<rdf:li rdf:resource="{u}"/>' for (_, u, *_r) in items)
        entries = "".join(
            f'<item rdf:about="{u}"><title>{xml_escape(t)}</title><link>{u}</link>'
            f"<dc:date>{iso(d, h)}</dc:date><dc:creator>{a}</dc:creator>"
            f"<description>{xml_escape(s)}</description></item>"
            for (t, u, d, h, a, s) in items)
        return (f'<?xml version="1.0" encoding="utf-8"?>\n'
                f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                f'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f'<channel rdf:about="{link}"><title>{title}</title><link>{link}</link>'
                f"<description>{title}</description><items><rdf:Seq>{seq}</rdf:Seq></items>"
                f"</channel>{entries}</rdf:RDF>\n")
    enc = "GBK" if fmt == "rss-gbk" else "utf-8"
    entries = "".join(
        f"<item><title>{xml_escape(t)}</title><link>{u}</link>"
        f'<guid isPermaLink="false">{base}/id/{idx}/{i}</guid><pubDate>{rfc822(d, h)}</pubDate>'
        f"<author>{a}</author><description>{xml_escape(s)}</description></item>"
        for i, (t, u, d, h, a, s) in enumerate(items))
    return (f'<?xml version="1.0" encoding="{enc}"?>\n<rss version="2.0"><channel>'
            f"<title>{title}</title><link>{link}</link><description>{title}</description>"
            f"<language>{'en' if lang == 'en' else 'zh-cn'}</language>{entries}</channel></rss>\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=500)
    ap.add_argument("--items", type=int, default=30)
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--base", default="http://127.0.0.1:8089")
    ap.add_argument("--no-pages", action="store_true",
                    help="feeds only: do not write the article pages (for feeds-only runs)")
    ap.add_argument("out")
    args = ap.parse_args()
    www = os.path.join(args.out, "www")
    os.makedirs(os.path.join(www, "feeds"), exist_ok=True)
    os.makedirs(os.path.join(www, "syn"), exist_ok=True)
    lists = os.path.join(args.out, "lists")
    os.makedirs(lists, exist_ok=True)
    formats = ["rss", "atom", "rdf", "rss", "rss-gbk"]
    feed_urls, page_urls, seen = [], [], set()
    total_bytes = 0
    for f in range(args.feeds):
        rng = random.Random(args.seed * 100003 + f)
        fmt = formats[f % len(formats)]
        lang = "zh" if fmt == "rss-gbk" or f % 3 == 0 else "en"
        os.makedirs(os.path.join(www, "a", f"{f:04d}"), exist_ok=True)
        items = []
        for i in range(args.items):
            d, h = rng.randint(0, 27), rng.randint(0, 23)
            author = f"Author {rng.randint(1, 300)}" if lang == "en" else \
                "".join(rng.choice(ZH_CHARS) for _ in range(3))
            if i % 10 == 9:
                # Syndicated: article k appears in 3 neighbouring feeds under 3 URLs.
                k = (f // 3) * 3 * args.items + i
                srng = random.Random(args.seed * 7919 + k)
                slang = "en" if k % 2 else "zh"
                title = title_of(srng, slang)
                paras = body_for_size(srng, slang, srng.randint(20_000, 78_000))
                path = f"/syn/{k:06d}-{f % 3}.html"
                lang_i = slang
                d, h = k % 28, k % 24
            else:
                title = title_of(rng, lang)
                paras = body_for_size(rng, lang, rng.randint(20_000, 78_000))
                path = f"/a/{f:04d}/{i:02d}.html"
                lang_i = lang
            url = args.base + path
            html = article_page(rng, lang_i, title, iso(d, h), url, author, paras)
            data = html.encode("utf-8")
            if not args.no_pages:
                with open(os.path.join(www, path.lstrip("/")), "wb") as fh:
                    fh.write(data)
            total_bytes += len(data)
            summary = paras[0][:120]
            items.append((title, url, d, h, author, summary))
            if url not in seen:
                seen.add(url)
                page_urls.append(url)
        text = render_feed(fmt, f, lang, args.base, items)
        data = text.encode("gbk", errors="replace") if fmt == "rss-gbk" else text.encode("utf-8")
        with open(os.path.join(www, "feeds", f"f{f:04d}.xml"), "wb") as fh:
            fh.write(data)
        feed_urls.append(f"{args.base}/feeds/f{f:04d}.xml")
    with open(os.path.join(lists, "feeds.txt"), "w") as fh:
        fh.write("\n".join(feed_urls) + "\n")
    with open(os.path.join(lists, "pages.txt"), "w") as fh:
        fh.write("\n".join(page_urls) + "\n")
    print(f"{len(feed_urls)} feeds, {len(page_urls)} pages, {total_bytes / 1e6:.1f} MB of pages")


if __name__ == "__main__":
    main()
