#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Builds the near-duplicate corpus in this folder (docs/*.txt and pairs.tsv).

Base texts are real article bodies: the English ground truth of
../shared/data/extraction-dev (Scrapinghub benchmark, MIT), the Chinese ground truth of
../shared/data/cn-extraction-dev, and the seed article. Each base gets the kinds of
copies syndication produces (deterministic, seeded):

  boiler   the site's header and footer boilerplate added (same boilerplate set for every
           article of a language, so different articles share it)
  edits    light copy-editing: a sentence dropped, a few words replaced, a paragraph split
  both     boilerplate and edits
  cut      the first ~80% only, with a "read more" line (feed-truncated copy)
  format   the same text re-wrapped: paragraphs merged, half-/full-width punctuation
           swapped, Markdown emphasis added

Pairs within one base's group are duplicates (label 1), pairs across groups are not
(label 0). Hand-written same-topic pairs (same event, same company, same template) are
hard negatives. The seed's interview part alone versus the whole seed (intro + Chinese +
English original) is labelled `contain`: a containment case reported apart.

Usage: python3 make_corpus.py ../../../../shared/data   (from this folder)
"""
import itertools
import json
import os
import random
import re
import sys

MAX_CODE_POINTS = 1200
PER_LANGUAGE = 12

BOILER = {
    "zh": [("来源：人民日报客户端 | 编辑：王晓 | 2025-02-07 12:20\n分享到：微信 微博 QQ空间\n",
            "\n（责任编辑：张静）\n声明：本文转载自其他媒体，版权归原作者所有，如有侵权请联系删除。\n"
            "相关阅读：\n人工智能产业周报\n新能源汽车销量再创新高\n"),
           ("亿欧网 首页 > 资讯 > 正文\n",
            "\n本文来源于网络，不代表本站立场。\n扫码关注亿欧公众号，获取更多行业资讯。\n"
            "推荐阅读 热门评论 0条评论\n")],
    "en": [("Home > News > World\nBy Staff Reporter | Published Feb 7, 2025\nShare on Facebook "
            "Share on Twitter Email\n",
            "\nCopyright 2025 The Daily Wire Service. All rights reserved. This material may "
            "not be published, broadcast, rewritten or redistributed.\nRelated stories:\n"
            "Markets rally as inflation cools\nWhat to watch this week\n"),
           ("Advertisement\n",
            "\nSign up for our newsletter to get the top stories in your inbox every "
            "morning.\nComments (12) | Report an error | Reprints\n")],
}

READ_MORE = {"zh": "\n点击阅读全文\n", "en": "\nRead the full story at the original site.\n"}

REPLACEMENTS = {
    "zh": [("记者", "本报记者"), ("表示", "称"), ("我们", "咱们"), ("已经", "已"), ("非常", "十分"),
           ("今年", "2025年"), ("发展", "发展壮大"), ("中国", "我国")],
    "en": [("said", "says"), ("the ", "the "), (" a ", " one "), ("big", "large"),
           ("very ", ""), ("people", "persons"), (" and ", " & "), ("However", "But")],
}

WIDTH = {"，": ",", "。": ".", "：": ":", "“": "\"", "”": "\"", "！": "!", "？": "?"}

# Hand-written hard negatives: different articles on the same topic or template.
SAME_TOPIC = [
    ("zh", "深度求索发布新一代推理模型，称其数学和编程能力接近国际领先水平。公司表示，新模型训练成本"
           "仅为同类模型的十分之一，并将以开源方式向开发者提供。业内人士认为，这将进一步降低大模型"
           "应用门槛。",
     "深度求索旗下大模型应用登顶多国应用商店下载榜，引发海外科技股震荡。分析师指出，市场担忧"
     "高昂的算力投入能否带来回报，部分芯片公司股价单日跌幅超过百分之十。公司暂未对此回应。"),
    ("zh", "某科技公司今日发布2024年第三季度财报。报告显示，公司第三季度营收为120.5亿元，同比增长"
           "15.2%；净利润为18.3亿元，同比增长22.1%。公司表示，云计算业务是主要增长动力。",
     "某科技公司今日发布2024年第四季度财报。报告显示，公司第四季度营收为98.7亿元，同比下降"
     "3.4%；净亏损为2.1亿元，上年同期为盈利。公司表示，硬件业务承压是业绩下滑主因。"),
    ("zh", "国家统计局今天发布数据，1月份全国居民消费价格同比上涨0.5%，其中城市上涨0.6%，农村上涨"
           "0.3%；食品价格上涨0.4%，非食品价格上涨0.5%。",
     "国家统计局今天发布数据，1月份全国工业生产者出厂价格同比下降2.3%，环比下降0.2%；工业"
     "生产者购进价格同比下降2.2%，环比下降0.3%。"),
    ("zh", "李开复在接受采访时表示，大模型的价格战将加速应用落地，创业公司应聚焦垂直场景，"
           "用更低的推理成本做出用户愿意付费的产品。",
     "李开复在演讲中回顾了自己四十年的人工智能研究经历，并谈到人工智能教育的重要性，建议"
     "年轻人学习与人工智能协作的能力，而非与之竞争。"),
    ("zh", "北京市气象台今天16时发布大风蓝色预警：预计今天夜间至明天白天，本市大部分地区有4级"
           "左右偏北风，阵风7级，请注意防范。",
     "北京市气象台今天10时发布寒潮蓝色预警：预计明天至后天，本市将出现寒潮天气，最低气温下降"
     "8到10摄氏度，请注意防寒保暖。"),
    ("en", "Acme Corp reported third-quarter revenue of $12.1 billion, up 15 percent from a year "
           "earlier, as demand for its cloud services grew. Net income rose to $1.8 billion, "
           "or $2.10 a share, beating analyst estimates.",
     "Acme Corp reported fourth-quarter revenue of $9.9 billion, down 3 percent from a year "
     "earlier, as hardware sales slowed. The company posted a net loss of $210 million, or "
     "25 cents a share, missing analyst estimates."),
    ("en", "Hurricane Delta made landfall near Creole, Louisiana, on Friday evening as a Category 2 "
           "storm, knocking out power to more than 300,000 customers and flooding low-lying "
           "streets across the southwest of the state.",
     "Residents of Lake Charles returned on Sunday to find homes damaged for the second time in "
     "six weeks, after Hurricane Delta tore through a region still covered in blue tarps from "
     "Hurricane Laura. Officials urged patience as crews restored power."),
    ("en", "The Federal Reserve held interest rates steady on Wednesday and signaled that it "
           "expects to cut rates twice later this year if inflation continues to cool.",
     "Federal Reserve officials were divided over how quickly to cut interest rates, minutes of "
     "their latest meeting released on Wednesday showed, with several worried inflation could "
     "stall."),
    ("en", "Apple unveiled a new iPhone with a faster chip and an improved camera at its annual "
           "event in Cupertino on Tuesday, with prices starting at $799.",
     "Apple shares fell 2 percent on Wednesday after analysts said demand for the new iPhone "
     "unveiled a day earlier appeared weaker than expected in China."),
    ("en", "Kai-Fu Lee said in an interview that Chinese AI companies can build competitive "
           "models at a fraction of the cost of their American rivals.",
     "Kai-Fu Lee said in a speech that young people should learn to work alongside AI rather "
     "than compete with it, and stressed the value of empathy and trust."),
]


def cap(text):
    text = text.strip()
    return text[:MAX_CODE_POINTS] if len(text) > MAX_CODE_POINTS else text


def sentences(text, lang):
    pattern = r"(?<=[。！？])" if lang == "zh" else r"(?<=[.!?])\s+"
    return [s for s in re.split(pattern, text) if s.strip()]


def edits(text, lang, rng):
    parts = sentences(text, lang)
    if len(parts) > 4:
        del parts[rng.randrange(1, len(parts) - 1)]
    joiner = "" if lang == "zh" else " "
    out = joiner.join(parts)
    for old, new in rng.sample(REPLACEMENTS[lang], 3):
        out = out.replace(old, new, 2)
    paragraphs = out.split("\n")
    i = rng.randrange(len(paragraphs))
    mid = len(paragraphs[i]) // 2
    paragraphs[i] = paragraphs[i][:mid] + "\n" + paragraphs[i][mid:]
    return "\n".join(paragraphs)


def reformat(text, lang, rng):
    out = re.sub(r"\n+", " " if lang == "en" else "", text)
    if lang == "zh":
        out = "".join(WIDTH.get(c, c) for c in out)
    else:
        out = out.replace("\"", "“", 2).replace(",", "，", 3)
    parts = sentences(out, lang)
    if len(parts) > 2:
        k = rng.randrange(len(parts))
        parts[k] = "**" + parts[k].strip() + "**"
    return ("" if lang == "zh" else " ").join(parts)


def variants(base, lang, rng):
    head, foot = rng.choice(BOILER[lang])
    edited = edits(base, lang, rng)
    head2, foot2 = rng.choice(BOILER[lang])
    return {
        "orig": base,
        "boiler": head + base + foot,
        "edits": edited,
        "both": head2 + edited + foot2,
        "cut": base[: int(len(base) * 0.8)] + READ_MORE[lang],
        "format": reformat(base, lang, rng),
    }


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else "../../../../shared/data"
    here = os.path.dirname(os.path.abspath(__file__))
    rng = random.Random(20250207)
    bases = []
    for lang, path in (("zh", "cn-extraction-dev"), ("en", "extraction-dev")):
        truth = json.load(open(os.path.join(shared, path, "ground-truth.json"), encoding="utf-8"))
        chosen = [k for k in sorted(truth) if len(truth[k]["articleBody"]) >= 600][:PER_LANGUAGE]
        for n, key in enumerate(chosen):
            bases.append((f"{lang}{n:02d}", lang, cap(truth[key]["articleBody"])))

    docs_dir = os.path.join(here, "docs")
    os.makedirs(docs_dir, exist_ok=True)
    for name in os.listdir(docs_dir):
        os.remove(os.path.join(docs_dir, name))
    groups = []
    for group, lang, base in bases:
        names = []
        for kind, text in variants(base, lang, rng).items():
            name = f"{group}-{kind}.txt"
            open(os.path.join(docs_dir, name), "w", encoding="utf-8").write(text.strip() + "\n")
            names.append(name)
        groups.append(names)

    pairs = []
    for names in groups:
        pairs += [(a, b, "1") for a, b in itertools.combinations(names, 2)]
    for g1, g2 in itertools.combinations(groups, 2):
        pairs += [(a, b, "0") for a in g1 for b in g2]
    for n, (lang, a, b) in enumerate(SAME_TOPIC):
        for side, text in (("a", a), ("b", b)):
            open(os.path.join(docs_dir, f"topic{n:02d}{side}.txt"), "w",
                 encoding="utf-8").write(text + "\n")
        pairs.append((f"topic{n:02d}a.txt", f"topic{n:02d}b.txt", "0"))

    seed = open(os.path.join(here, "..", "e2e", "seed.md"), encoding="utf-8").read()
    body = seed.split("---\n", 2)[2].strip()
    body = body[: body.rfind("\n[iyiou]")]
    interview = body[body.index("**人民日报：您这两年"): body.index("***本文摘编")]
    open(os.path.join(docs_dir, "seed-iyiou.txt"), "w", encoding="utf-8").write(body + "\n")
    open(os.path.join(docs_dir, "seed-interview.txt"), "w", encoding="utf-8").write(interview)
    pairs.append(("seed-iyiou.txt", "seed-interview.txt", "contain"))

    with open(os.path.join(here, "pairs.tsv"), "w", encoding="utf-8") as out:
        out.write("a\tb\tlabel\n")
        for a, b, label in pairs:
            out.write(f"{a}\t{b}\t{label}\n")
    print(f"{len(bases)} bases, {sum(len(g) for g in groups)} documents, {len(pairs)} pairs")


if __name__ == "__main__":
    main()
