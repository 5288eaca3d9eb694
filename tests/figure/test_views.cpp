// The compare and explain figures, vector cells for small n, wrapped titles and the Δ-curve legend.
#include "figuretest.h"

#include <cellmap.h>
#include <embed.h>
#include <error.h>
#include <explain.h>
#include <figure.h>
#include <figureplot.h>
#include <figuretext.h>
#include <lab.h>
#include <scheme.h>
#include <walkformat.h>

#include <QFontMetrics>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace poslab;
using namespace poslab::figure;
using namespace poslab::figure::test;

namespace {

Session compareSession()
{
    Session s;
    s.text = "The cat sat on the mat because the mat was warm.";
    s.scheme = "alibi";
    s.compareScheme = "sinusoidal";
    s.shift = 8;
    s.view = FigureView::Compare;
    s.model.heads = 4;
    return s;
}

Session explainSession()
{
    Session s = sampleSession(); // t5, causal, head 1, cell (3, 1)
    s.view = FigureView::Explain;
    s.style.title.reset();
    return s;
}

int count(const QByteArray& haystack, const char* needle)
{
    return int(haystack.count(needle));
}

} // namespace

TEST(CompareFigure, RelativeSchemeIgnoresTheShiftAbsoluteDoesNot)
{
    const Session s = compareSession();
    const FigureContent c = computeFigure(s);
    ASSERT_EQ(c.maps.size(), 3u);
    EXPECT_EQ(c.compare.shiftChangeA, 0.0);  // ALiBi: relative, exactly unchanged
    EXPECT_GT(c.compare.shiftChangeB, 1e-3); // sinusoidal: absolute, it moves
    EXPECT_GT(c.compare.maxDifference, 0.0);
    EXPECT_TRUE(c.maps[2].isSigned);
    EXPECT_EQ(c.scaleGroups, (std::vector<int>{0, 0, 1}));

    // The data written beside the figure: A, B and A − B stacked, the changes in "model".
    QTemporaryDir dir;
    const QString path = dir.filePath("compare.json");
    writeFigureData(c, path);
    const QJsonObject json = QJsonDocument::fromJson(readAll(path)).object();
    const QJsonObject model = json["model"].toObject();
    ASSERT_TRUE(model["max_shift_change"].isDouble());
    EXPECT_EQ(model["max_shift_change"].toDouble(), 0.0);
    EXPECT_EQ(model["max_shift_change_compare"].toDouble(), c.compare.shiftChangeB); // written exactly
    EXPECT_EQ(model["max_abs_difference"].toDouble(), c.compare.maxDifference);
    EXPECT_EQ(model["compare_scheme"].toString(), "sinusoidal");
    EXPECT_EQ(model["shift"].toDouble(), 8);
    const int n = 12;
    const QJsonArray data = json["data"].toArray();
    ASSERT_EQ(data.size(), 3 * n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const double a = data[i].toArray()[j].toDouble(), b = data[n + i].toArray()[j].toDouble();
            EXPECT_DOUBLE_EQ(data[2 * n + i].toArray()[j].toDouble(), a - b);
        }

    // Map A is the heatmap of the scheme at positions s .. s + n − 1.
    Session heatmap = s;
    heatmap.view = FigureView::Heatmap;
    heatmap.start = s.shift;
    EXPECT_EQ(computeFigure(heatmap).maps.front().values, c.maps.front().values);
}

TEST(CompareFigure, OnlyAttentionMatricesAndAKnownScheme)
{
    Session s = compareSession();
    s.matrix = "bucket";
    EXPECT_THROW(computeFigure(s), Error);
    s.matrix = "logits";
    s.model.causal = true;
    const FigureContent logits = computeFigure(s);
    EXPECT_EQ(logits.compare.shiftChangeA, 0.0);
    EXPECT_TRUE(logits.maps[2].isMasked(0, 1)); // causal: j > i hidden in the difference too
    s.compareScheme = "nope";
    EXPECT_THROW(computeFigure(s), Error);
}

TEST(CompareFigure, RendersEveryFormatWithTheNumbersAsText)
{
    const RenderedFigure svg = renderFigure(compareSession(), FigureFormat::Svg);
    EXPECT_TRUE(QSvgRenderer(svg.bytes).isValid());
    for (const char* text : {">alibi (relative)<", ">(absolute)<", ">max<", "difference A"})
        EXPECT_TRUE(svg.bytes.contains(text)) << text;
    EXPECT_EQ(sessionFromJson(extractSession(svg.bytes).value_or(QByteArray())), compareSession());
}

TEST(ExplainFigure, CarriesTheWalkAsText)
{
    const Session s = explainSession();
    const FigureContent c = computeFigure(s);
    const auto scheme = makeScheme(s.scheme, s.params, s.model);
    const Walk walk = explain(*scheme, Sequence::fromText(s.text, s.tokenizer), s.head, s.cellI, s.cellJ);
    ASSERT_FALSE(c.text.empty());
    EXPECT_FALSE(c.outlined.empty());
    const QString prob = widgets::formatNumber(walk.prob);

    const RenderedFigure svg = renderFigure(s, c, FigureFormat::Svg);
    EXPECT_TRUE(QSvgRenderer(svg.bytes).isValid());
    EXPECT_TRUE(svg.bytes.contains(prob.toUtf8())) << prob.toStdString();
    EXPECT_TRUE(svg.bytes.contains("Softmax over row i"));

    const QString pdftotext = QStandardPaths::findExecutable("pdftotext");
    if (pdftotext.isEmpty()) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
    QTemporaryDir dir;
    const QString path = dir.filePath("explain.pdf");
    for (double width : {kOneColumnMm, kTwoColumnMm}) {
        Session sized = s;
        sized.style.widthMm = width;
        writeBytesAtomically(path, renderFigure(sized, c, FigureFormat::Pdf).bytes);
        QProcess p;
        p.start(pdftotext, {path, "-"});
        ASSERT_TRUE(p.waitForFinished(30000));
        const QString text = QString::fromUtf8(p.readAllStandardOutput());
        EXPECT_TRUE(text.contains(prob)) << width << " mm:\n" << text.toStdString();
        EXPECT_TRUE(text.contains(QStringLiteral("Softmax over row i"))) << text.toStdString();
    }
}

TEST(ExplainFigure, NeedsACell)
{
    Session s = explainSession();
    s.cellI = s.cellJ = -1;
    try {
        computeFigure(s);
        ADD_FAILURE() << "accepted a session without a cell";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("--cell"), std::string::npos) << e.what();
    }
}

TEST(VectorCells, SmallMapsAreRectanglesLargeOnesAnImage)
{
    Session s;
    s.scheme = "alibi";
    s.n = 6;
    const QByteArray small = renderFigure(s, FigureFormat::Svg).bytes;
    s.n = kMaxVectorCells + 16;
    const QByteArray large = renderFigure(s, FigureFormat::Svg).bytes;
    // Beside the cells, both have two rectangles (page, plot frame) and the colour bar's image.
    EXPECT_GE(count(small, "<rect"), 6 * 6);
    EXPECT_LT(count(large, "<rect"), 16);
    EXPECT_EQ(count(large, "<image"), count(small, "<image") + 1);
    s.n = kMaxVectorCells;
    EXPECT_GE(count(renderFigure(s, FigureFormat::Svg).bytes, "<rect"), kMaxVectorCells * kMaxVectorCells);
}

TEST(Layout, WrappedTextNeverExceedsTheWidth)
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(9);
    const QFontMetrics metrics(font);
    const QString text =
        QStringLiteral("T5 relative position buckets with a very long automatic title, head 11 "
                       "and an unbreakable_identifier_that_is_much_wider_than_the_line "
                       "max |M(s)\u00a0\u2212\u00a0M(0)|\u00a0=\u00a00.57");
    for (int width : {40, 90, 200, 400}) {
        const QString wrapped = wrapText(text, font, width);
        QString joined;
        for (const QString& line : wrapped.split(u'\n')) {
            EXPECT_TRUE(metrics.horizontalAdvance(line) <= width || line.size() == 1) << line.toStdString();
            joined += line;
        }
        QString expected = text;
        expected.remove(u' ');
        joined.remove(u' ');
        expected.remove(QChar(0x00a0));
        joined.remove(QChar(0x00a0));
        EXPECT_EQ(joined, expected) << width; // nothing dropped or elided
    }
}

TEST(Layout, LongTitlesWrapInsteadOfBeingCut)
{
    Session s = sampleSession();
    s.style.title = "An automatic title as long as those of compare figures: alibi vs sinusoidal, head 0, "
                    "positions shifted by s = 8";
    const QByteArray svg = renderFigure(s, FigureFormat::Svg).bytes;
    EXPECT_FALSE(svg.contains("\u2026"));
    for (const char* word : {">An automatic", "s = 8<"})
        EXPECT_TRUE(svg.contains(word)) << word;
}

TEST(Layout, DeltaCurveLegendStaysOffTheCurves)
{
    for (const char* scheme : {"sinusoidal", "t5"}) {
        for (double width : {kOneColumnMm, kTwoColumnMm}) {
            Session s = sampleSession();
            s.scheme = scheme;
            s.params.clear();
            s.view = FigureView::DeltaCurve;
            s.style.widthMm = width;
            const FigurePlot plot(computeFigure(s), s);
            ASSERT_EQ(plot.plot()->axisRectCount(), 1);
            const QRect curves = plot.plot()->axisRect()->rect();
            QCPLegend* legend = nullptr;
            for (QCPLayoutElement* e : plot.plot()->plotLayout()->elements(true))
                if (auto* l = qobject_cast<QCPLegend*>(e)) legend = l;
            ASSERT_NE(legend, nullptr) << scheme;
            EXPECT_FALSE(legend->outerRect().intersects(curves)) << scheme << " " << width;
            EXPECT_GE(legend->outerRect().left(), 0);
            EXPECT_LE(legend->outerRect().right(), plot.logicalSize().width());
        }
    }
}
