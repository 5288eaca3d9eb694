// Figures in Chinese (issue 16): the session records the figure's language, the figure's words come
// from its catalogue whatever the interface language is, and a PDF in zh_CN embeds a CJK font whose
// text stays text (pdffonts / pdftotext agree with what the bytes say).

#include "figuretest.h"

#include <deltacurveview.h>
#include <error.h>
#include <figure.h>
#include <headgridview.h>
#include <heatmapview.h>
#include <language.h>
#include <qcp.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace poslab;
using namespace poslab::figure;
using namespace poslab::figure::test;

namespace {

Session chineseSession(FigureView view)
{
    Session s = sampleSession();
    s.view = view;
    s.style.title.reset(); // the automatic title, in the figure's language
    setFigureLanguage(s.style, "zh_CN");
    return s;
}

// Every font a PDF names (/BaseFont of each font dictionary, a subset's "ABCDEF+" prefix dropped).
QStringList pdfFonts(const QByteArray& pdf)
{
    static const QRegularExpression baseFont(
        QStringLiteral("/BaseFont\\s*/(?:[A-Z]{6}\\+)?([^\\s/<>\\[\\]()]+)"));
    QStringList fonts;
    for (const auto& m : baseFont.globalMatch(QString::fromLatin1(pdf)))
        fonts << m.captured(1);
    fonts.removeDuplicates();
    return fonts;
}

bool isCjkFont(const QString& name)
{
    static const QRegularExpression cjk(QStringLiteral("WenQuanYi|CJK|Hei|Song|Ming|Kai"),
                                        QRegularExpression::CaseInsensitiveOption);
    return name.contains(cjk);
}

QString runTool(const char* tool, const QStringList& args)
{
    QProcess p;
    p.start(QStandardPaths::findExecutable(QString::fromLatin1(tool)), args);
    if (!p.waitForFinished(30000)) return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

// Checks a zh_CN PDF: a CJK font embedded as a font program (not drawn as paths), and `words` (the
// figure's Chinese labels) extractable as text; pdffonts' and pdftotext's view when poppler is there.
void expectChineseText(const QByteArray& pdf, const QStringList& words)
{
    const QStringList fonts = pdfFonts(pdf);
    ASSERT_TRUE(std::any_of(fonts.begin(), fonts.end(), isCjkFont)) << fonts.join(u' ').toStdString();
    // Each font dictionary's descriptor points at its embedded program (TrueType: /FontFile2).
    EXPECT_GE(pdf.count("/FontFile2") + pdf.count("/FontFile3"), fonts.size())
        << fonts.join(u' ').toStdString();
    EXPECT_TRUE(pdf.contains("/ToUnicode")); // what makes the glyphs text again
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
        GTEST_SKIP() << "pdftotext (poppler-utils) is not installed: text extraction not checked";
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("zh.pdf"));
    writeAll(path, pdf);
    const QString fontList = runTool("pdffonts", {path});
    int cjkLines = 0;
    for (const QString& line : fontList.split(u'\n')) {
        if (!isCjkFont(line.section(u' ', 0, 0))) continue;
        ++cjkLines; // emb, sub, uni: embedded, with a Unicode map
        EXPECT_TRUE(line.contains(QRegularExpression(QStringLiteral("\\s+yes\\s+(yes|no)\\s+yes\\s"))))
            << "not embedded with a Unicode map: " << line.toStdString();
    }
    EXPECT_GE(cjkLines, 1) << fontList.toStdString();
    // pdftotext guesses spaces from glyph positions ("键j"): compared without them.
    QString text = runTool("pdftotext", {path, QStringLiteral("-")});
    text.remove(QRegularExpression(QStringLiteral("\\s")));
    for (QString word : words)
        EXPECT_TRUE(text.contains(word.remove(u' '))) << word.toStdString() << " is not text in:\n"
                                                      << text.toStdString();
}

} // namespace

TEST(FigureLanguage, ChineseHeatmapPdfEmbedsACjkFontAndKeepsItsWordsAsText)
{
    const Session s = chineseSession(FigureView::Heatmap);
    EXPECT_EQ(s.style.fontFamily, "WenQuanYi Micro Hei");
    const FigureContent content = computeFigure(testLab(), s);
    EXPECT_EQ(content.maps.front().rowAxisLabel, QStringLiteral("查询 i"));
    EXPECT_EQ(content.maps.front().colAxisLabel, QStringLiteral("键 j"));
    EXPECT_EQ(content.maps.front().valueLabel, QStringLiteral("注意力概率"));
    const QByteArray pdf = renderFigure(s, content, FigureFormat::Pdf).bytes;
    expectChineseText(pdf, {
                               QStringLiteral("查询 i"),
                               QStringLiteral("键 j"),
                               QStringLiteral("注意力概率"),
                           });
}

TEST(FigureLanguage, ChineseDeltaCurvePdfEmbedsACjkFontAndKeepsItsWordsAsText)
{
    const Session s = chineseSession(FigureView::DeltaCurve);
    const FigureContent content = computeFigure(testLab(), s);
    EXPECT_EQ(content.curve.profileLabel, QStringLiteral("平均注意力，头 1"));
    const QByteArray pdf = renderFigure(s, content, FigureFormat::Pdf).bytes;
    expectChineseText(pdf, {QStringLiteral("平均注意力，头 1"), QStringLiteral("t5（方案）")});
}

TEST(FigureLanguage, TheSameFigureInEnglishHasNoCjkFont)
{
    for (FigureView view : {FigureView::Heatmap, FigureView::DeltaCurve}) {
        Session s = sampleSession();
        s.view = view;
        s.style.title.reset();
        const QByteArray pdf = renderFigure(testLab(), s, FigureFormat::Pdf).bytes;
        const QStringList fonts = pdfFonts(pdf);
        ASSERT_FALSE(fonts.isEmpty());
        EXPECT_FALSE(std::any_of(fonts.begin(), fonts.end(), isCjkFont)) << fonts.join(u' ').toStdString();
        EXPECT_TRUE(fonts.join(u' ').contains(QLatin1String("DejaVuSans")));
    }
}

// The figure's words follow its session, not the interface: the explorer may be in English.
TEST(FigureLanguage, WordsFollowTheSessionNotTheInterface)
{
    ASSERT_EQ(language(), QStringLiteral("en"));
    const FigureContent zh = computeFigure(testLab(), chineseSession(FigureView::Heads));
    EXPECT_EQ(zh.maps.at(1).title, QStringLiteral("头 1"));
    const FigureContent en = computeFigure(testLab(), [] {
        Session s = sampleSession();
        s.view = FigureView::Heads;
        return s;
    }());
    EXPECT_EQ(en.maps.at(1).title, QStringLiteral("head 1"));
    EXPECT_EQ(en.maps.at(1).rowAxisLabel, QStringLiteral("query i"));
}

TEST(FigureLanguage, SvgKeepsChineseAsTextInTheCjkFamily)
{
    const RenderedFigure svg =
        renderFigure(testLab(), chineseSession(FigureView::Heatmap), FigureFormat::Svg);
    // Qt's SVG engine writes a run of Han and a run of Latin as two <text> elements.
    const QString text = QString::fromUtf8(svg.bytes);
    for (const char* word : {"查询 ", "键 ", "注意力概率"})
        EXPECT_TRUE(text.contains(
            QRegularExpression(QStringLiteral("<text[^>]*font-family=\"WenQuanYi Micro Hei\"[^>]*>%1</text>")
                                   .arg(QString::fromUtf8(word)))))
            << word;
}

TEST(FigureLanguage, SessionRecordsTheLanguageAndRoundTrips)
{
    const Session s = chineseSession(FigureView::DeltaCurve);
    const QJsonObject style = QJsonDocument::fromJson(sessionToJson(s)).object()["style"].toObject();
    EXPECT_EQ(style["language"].toString(), QStringLiteral("zh_CN"));
    EXPECT_EQ(style["font_family"].toString(), QStringLiteral("WenQuanYi Micro Hei"));
    const Session back = sessionFromJson(sessionToJson(s));
    EXPECT_EQ(back, s);
    EXPECT_EQ(back.style.language, "zh_CN");

    // A figure made again from the session it carries speaks the same language.
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("zh.png"));
    exportFigure(testLab(), s, FigureFormat::Png, png);
    EXPECT_EQ(loadSession(png).style.language, "zh_CN");
}

TEST(FigureLanguage, AbsentLanguageIsEnglishAndTheDefaultFontFollowsTheLanguage)
{
    QJsonObject o = QJsonDocument::fromJson(sessionToJson(chineseSession(FigureView::Heatmap))).object();
    QJsonObject style = o["style"].toObject();
    style.remove("language");
    style.remove("font_family");
    o["style"] = style;
    const Session en = sessionFromJson(QJsonDocument(o).toJson());
    EXPECT_EQ(en.style.language, "en");
    EXPECT_EQ(en.style.fontFamily, "DejaVu Sans");
    style["language"] = "zh_CN";
    o["style"] = style;
    EXPECT_EQ(sessionFromJson(QJsonDocument(o).toJson()).style.fontFamily, "WenQuanYi Micro Hei");

    // A family chosen by hand stays when the language changes; the default one follows it.
    FigureStyle chosen;
    chosen.fontFamily = "DejaVu Serif";
    setFigureLanguage(chosen, "zh_CN");
    EXPECT_EQ(chosen.fontFamily, "DejaVu Serif");
    FigureStyle plain;
    setFigureLanguage(plain, "zh_CN");
    EXPECT_EQ(plain.fontFamily, "WenQuanYi Micro Hei");
    setFigureLanguage(plain, "en");
    EXPECT_EQ(plain.fontFamily, "DejaVu Sans");
}

TEST(FigureLanguage, AnUnknownLanguageIsRefusedInOneLine)
{
    QJsonObject o = QJsonDocument::fromJson(sessionToJson(sampleSession())).object();
    QJsonObject style = o["style"].toObject();
    style["language"] = "klingon";
    o["style"] = style;
    try {
        sessionFromJson(QJsonDocument(o).toJson());
        FAIL() << "a session in klingon was read";
    } catch (const Error& e) {
        const std::string what = e.what();
        EXPECT_EQ(what, "session field 'style.language' must be en|zh_CN, got 'klingon'");
    }
    FigureStyle style2;
    EXPECT_THROW(setFigureLanguage(style2, "fr"), Error);
    Session s = sampleSession();
    s.style.language = "fr";
    try {
        validateSession(s);
        FAIL() << "a session in fr was valid";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "session: unknown language 'fr' (expected en|zh_CN)");
    }
}

namespace {

struct CliRun
{
    int status = -1;
    QByteArray err;
};

CliRun cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(POSLAB_CLI), args);
    p.waitForFinished(120000);
    return {p.exitCode(), p.readAllStandardError()};
}

bool hasCjkFont(const QString& pdf)
{
    const QStringList fonts = pdfFonts(readAll(pdf));
    return std::any_of(fonts.begin(), fonts.end(), isCjkFont);
}

} // namespace

TEST(FigureLanguage, CliLangThenAgainFromTheFiguresOwnSession)
{
    QTemporaryDir dir;
    const QString a = dir.filePath("a.pdf"), b = dir.filePath("b.pdf"), c = dir.filePath("c.pdf");
    CliRun r = cli(
        {"figure", "--lang", "zh_CN", "--scheme", "rope", "--n", "16", "--view", "delta-curve", "--out", a});
    ASSERT_EQ(r.status, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.isEmpty()) << r.err.toStdString();
    EXPECT_EQ(loadSession(a).style.language, "zh_CN");
    EXPECT_EQ(loadSession(a).style.fontFamily, "WenQuanYi Micro Hei");
    EXPECT_TRUE(hasCjkFont(a));

    // Without --lang, the session's language; --lang overrides it.
    ASSERT_EQ(cli({"figure", "--session", a, "--out", b}).status, 0);
    EXPECT_EQ(loadSession(b).style.language, "zh_CN");
    EXPECT_TRUE(hasCjkFont(b));
    ASSERT_EQ(cli({"figure", "--session", a, "--lang", "en", "--out", c}).status, 0);
    EXPECT_EQ(loadSession(c).style.language, "en");
    EXPECT_EQ(loadSession(c).style.fontFamily, "DejaVu Sans");
    EXPECT_FALSE(hasCjkFont(c));

    // --font-family still overrides the language's default.
    ASSERT_EQ(cli({"figure", "--session", a, "--font-family", "DejaVu Serif", "--out", c}).status, 0);
    EXPECT_EQ(loadSession(c).style.fontFamily, "DejaVu Serif");
    EXPECT_EQ(loadSession(c).style.language, "zh_CN");
}

TEST(FigureLanguage, CliRefusesAnUnknownLanguageInOneLine)
{
    QTemporaryDir dir;
    const QString out = dir.filePath("x.png");
    const CliRun r = cli({"figure", "--lang", "tlh", "--scheme", "rope", "--n", "8", "--out", out});
    EXPECT_NE(r.status, 0);
    EXPECT_EQ(r.err.count('\n'), 1) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("--lang")) << r.err.toStdString();
    EXPECT_FALSE(QFile::exists(out));
}

// The views' own words follow a live language switch (QEvent::LanguageChange), and back.
TEST(WidgetLanguage, ViewsRepaintTheirOwnWordsWhenTheLanguageChanges)
{
    using namespace poslab::widgets;
    HeatmapView heatmap;
    HeatmapData d;
    d.rows = d.cols = 2;
    d.values = {0.5, 0.5, 0.25, 0.75};
    d.masked = {false, true, false, false};
    d.rowLabels = d.colLabels = QStringList{QStringLiteral("a"), QStringLiteral("b")};
    heatmap.setData(d); // the default axis labels, in English
    HeatmapView empty;
    DeltaCurveView curve;
    HeadGridView grid;
    grid.setHeads({d, d}, QStringLiteral("t5"));
    const auto topLabel = [&grid](int k) {
        return grid.plot()->axisRects().at(k)->axis(QCPAxis::atTop)->label();
    };
    const auto title = [](QCustomPlot* plot) { // wrapped to the (hidden, narrow) plot's width
        QString text = static_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0))->text();
        return text.replace(u'\n', u' ')
            .remove(QRegularExpression(QStringLiteral("(?<=\\p{Han}) (?=\\p{Han})")));
    };
    EXPECT_EQ(heatmap.plot()->xAxis->label(), QStringLiteral("key j"));
    EXPECT_EQ(topLabel(1), QStringLiteral("head 1"));
    EXPECT_EQ(title(curve.plot()), QStringLiteral("Nothing computed yet"));

    ASSERT_TRUE(setLanguage(QStringLiteral("zh_CN")));
    QCoreApplication::processEvents();
    EXPECT_EQ(heatmap.plot()->xAxis->label(), QStringLiteral("键 j"));
    EXPECT_EQ(heatmap.plot()->yAxis->label(), QStringLiteral("查询 i"));
    EXPECT_EQ(title(empty.plot()), QStringLiteral("尚未计算"));
    EXPECT_EQ(title(curve.plot()), QStringLiteral("尚未计算"));
    EXPECT_EQ(topLabel(1), QStringLiteral("头 1"));
    EXPECT_EQ(describeCell(d, {0, 1}),
              QStringLiteral("i = 0 \u201ca\u201d, j = 1 \u201cb\u201d, \u0394 = 1: 已遮蔽"));

    ASSERT_TRUE(setLanguage(QStringLiteral("en")));
    QCoreApplication::processEvents();
    EXPECT_EQ(heatmap.plot()->xAxis->label(), QStringLiteral("key j"));
    EXPECT_EQ(topLabel(1), QStringLiteral("head 1"));
    EXPECT_EQ(title(empty.plot()), QStringLiteral("Nothing computed yet"));
    EXPECT_TRUE(describeCell(d, {0, 1}).endsWith(QStringLiteral(": masked")));
}
