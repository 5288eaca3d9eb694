// The compare and explain figures, vector cells for small n, wrapped titles and the Δ-curve legend.
#include "figuretest.h"
#include "boundcheck.h"

#include <analysis.h>
#include <cellmap.h>
#include <embed.h>
#include <engine/engine.h>
#include <error.h>
#include <explain.h>
#include <figure.h>
#include <figureviews.h>
#include <figureplot.h>
#include <figuretext.h>
#include <lab.h>
#include <plan.h>
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
    const FigureContent c = computeFigure(testLab(), s);
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
    EXPECT_EQ(computeFigure(testLab(), heatmap).maps.front().values, c.maps.front().values);
}

TEST(CompareFigure, OnlyAttentionMatricesAndAKnownScheme)
{
    Session s = compareSession();
    s.matrix = "bucket";
    EXPECT_THROW(computeFigure(testLab(), s), Error);
    s.matrix = "logits";
    s.model.causal = true;
    const FigureContent logits = computeFigure(testLab(), s);
    EXPECT_EQ(logits.compare.shiftChangeA, 0.0);
    EXPECT_TRUE(logits.maps[2].isMasked(0, 1)); // causal: j > i hidden in the difference too
    s.compareScheme = "no-such";
    EXPECT_THROW(computeFigure(testLab(), s), Error);
}

TEST(CompareFigure, RendersEveryFormatWithTheNumbersAsText)
{
    const RenderedFigure svg = renderFigure(testLab(), compareSession(), FigureFormat::Svg);
    EXPECT_TRUE(QSvgRenderer(svg.bytes).isValid());
    for (const char* text : {">alibi<", ">(relative)<", ">(absolute)<", "under", "difference A"})
        EXPECT_TRUE(svg.bytes.contains(text)) << text;
    EXPECT_EQ(sessionFromJson(extractSession(svg.bytes).value_or(QByteArray())), compareSession());
}

TEST(ExplainFigure, CarriesTheWalkAsText)
{
    const Session s = explainSession();
    const FigureContent c = computeFigure(testLab(), s);
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
        computeFigure(testLab(), s);
        ADD_FAILURE() << "accepted a session without a cell";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("--cell"), std::string::npos) << e.what();
    }
}

TEST(VectorCells, SmallMapsAreRectanglesLargeOnesAnImage)
{
    Session s;
    s.scheme = "alibi";
    s.positions = 6;
    const QByteArray small = renderFigure(testLab(), s, FigureFormat::Svg).bytes;
    s.positions = kMaxVectorCells + 16;
    const QByteArray large = renderFigure(testLab(), s, FigureFormat::Svg).bytes;
    // Beside the cells, both have two rectangles (page, plot frame) and the colour bar's image.
    EXPECT_GE(count(small, "<rect"), 6 * 6);
    EXPECT_LT(count(large, "<rect"), 16);
    EXPECT_EQ(count(large, "<image"), count(small, "<image") + 1);
    s.positions = kMaxVectorCells;
    EXPECT_GE(count(renderFigure(testLab(), s, FigureFormat::Svg).bytes, "<rect"),
              kMaxVectorCells * kMaxVectorCells);
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
    const QByteArray svg = renderFigure(testLab(), s, FigureFormat::Svg).bytes;
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
            const FigurePlot plot(computeFigure(testLab(), s), s);
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

TEST(CompareFigure, NumbersAreTheAppsAndLabelsSayWhatTheSchemeIs)
{
    Session s = compareSession();
    s.scheme = "rope";
    s.compareScheme = "seed-linear"; // relative, but its default pe = learned adds an absolute PE
    const FigureContent c = computeFigure(testLab(), s);

    // As the app computes them: oneDNN in f32, every head, base against shifted positions.
    const auto engine = makeEngine(EngineKind::OneDnn);
    RunOptions options;
    options.allHeads = true;
    const auto scheme = makeScheme(s.scheme, s.params, s.model);
    Sequence seq = Sequence::fromText(s.text, s.tokenizer), shifted = seq;
    shifted.start = s.shift;
    const AttentionPlan basePlan = makePlan(*scheme, seq), movedPlan = makePlan(*scheme, shifted);
    const AttentionResult base = engine->run(basePlan, options);
    const AttentionResult moved = engine->run(movedPlan, options);
    // RoPE is relative: both have the same exact probabilities and each is within the f32 engine's
    // bound of them (attentionbound.h), so they differ by at most the sum of the two bounds.
    const AttentionResult exactBase = referenceAttention(*scheme, seq);
    const AttentionResult exactMoved = referenceAttention(*scheme, shifted);
    double change = 0, tolerance = 0;
    for (std::size_t h = 0; h < base.heads.size(); ++h) {
        change = std::max(change, maxAbsDifference(base.heads[h].probs, moved.heads[h].probs, false));
        const int k = static_cast<int>(h);
        const Eigen::MatrixXd bound = poslab::test::headBound(basePlan, k, exactBase.heads[h], {}).probs +
                                      poslab::test::headBound(movedPlan, k, exactMoved.heads[h], {}).probs;
        poslab::test::expectWithin(moved.heads[h].probs, base.heads[h].probs, bound,
                                   "head " + std::to_string(h) + " under the shift");
        tolerance = std::max(tolerance, bound.maxCoeff());
    }
    EXPECT_EQ(c.compare.shiftChangeA, change);
    EXPECT_GT(c.compare.shiftChangeA, 0.0); // f32 rounding, not the reference's ~1e-16
    EXPECT_LT(c.compare.shiftChangeA, tolerance);

    EXPECT_EQ(c.maps[0].title, QStringLiteral("rope\n(relative)"));
    EXPECT_EQ(c.maps[1].title, QStringLiteral("seed-linear\n(absolute + relative)"));

    const QJsonObject model =
        QJsonDocument::fromJson(figureData(c, QStringLiteral("c.json"))).object()["model"].toObject();
    EXPECT_EQ(model["stacked"].toString(),
              QStringLiteral("rows 0..11: rope; rows 12..23: seed-linear; rows 24..35: rope - seed-linear"));
    EXPECT_EQ(model["engine"].toString(), QStringLiteral("onednn f32"));
}

TEST(CompareFigure, OneColumnTitlesKeepEachNumberWithItsWords)
{
    Session s = compareSession();
    s.compareScheme = "seed-linear";
    s.style.widthMm = kOneColumnMm;
    const FigureContent c = computeFigure(testLab(), s);
    const FigurePlot plot(c, s);
    int maps = 0;
    for (QCPAxisRect* rect : plot.plot()->axisRects()) {
        QCPAxis* top = rect->axis(QCPAxis::atTop);
        if (!top->visible()) continue;
        ++maps;
        const QStringList lines = top->label().split(u'\n');
        const QFontMetrics metrics(top->labelFont());
        for (const QString& line : lines) {
            EXPECT_LE(metrics.horizontalAdvance(line), rect->width()) << line.toStdString();
            // A number never stands on a line of its own, nor a word of its phrase.
            EXPECT_FALSE(line.front().isDigit() || line.startsWith(u'|') || line == QStringLiteral("max"))
                << top->label().toStdString();
        }
        EXPECT_TRUE(lines.back().contains(u':')) << top->label().toStdString();
    }
    EXPECT_EQ(maps, 3);
}

TEST(Layout, DeltaCurveLegendNamesWhatTheReaderSees)
{
    const auto legendNames = [](const FigurePlot& plot) {
        QStringList names;
        for (QCPLayoutElement* e : plot.plot()->plotLayout()->elements(true))
            if (auto* legend = qobject_cast<QCPLegend*>(e))
                for (int k = 0; k < legend->itemCount(); ++k)
                    if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(k)))
                        names << item->plottable()->name();
        return names;
    };
    Session s;
    s.positions = 24;
    s.view = FigureView::DeltaCurve;
    s.scheme = "t5";
    EXPECT_EQ(legendNames(FigurePlot(computeFigure(testLab(), s), s)),
              (QStringList{"head 0", "head 1", "head 2", "head 3", "mean attention, head 0"}));
    s.scheme = "rope"; // sum over pairs and eight pairs: one entry for the pairs
    EXPECT_EQ(legendNames(FigurePlot(computeFigure(testLab(), s), s)),
              (QStringList{"sum over pairs", QStringLiteral("pairs 0\u20137"), "mean attention, head 0"}));
    s.scheme = "alibi";
    s.model.heads = 8;
    s.head = 3;
    EXPECT_EQ(legendNames(FigurePlot(computeFigure(testLab(), s), s)),
              (QStringList{"other heads", "head 3", "mean attention, head 3"}));
}

TEST(Layout, DeltaCurveMarkerStaysInsideThePlot)
{
    Session s;
    s.positions = 24;
    s.scheme = "t5";
    s.view = FigureView::DeltaCurve;
    s.cellI = 10;
    s.cellJ = 4;
    const QImage image = renderImage(testLab(), s);
    ASSERT_FALSE(image.isNull());
    const auto redIn = [&](int y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.red() > 200 && c.green() < 80 && c.blue() < 80) return true;
        }
        return false;
    };
    EXPECT_FALSE(redIn(2));                  // the title
    EXPECT_FALSE(redIn(image.height() - 3)); // the x-axis label
    EXPECT_TRUE(redIn(image.height() / 2));  // the marker itself
}

TEST(VectorCells, RastersAreLossless)
{
    Session s;
    s.scheme = "alibi";
    s.positions = kMaxVectorCells + 36;
    const QByteArray pdf = renderFigure(testLab(), s, FigureFormat::Pdf).bytes;
    EXPECT_FALSE(pdf.contains("/DCTDecode"));
    EXPECT_TRUE(pdf.contains("/FlateDecode"));
    const QByteArray svg = renderFigure(testLab(), s, FigureFormat::Svg).bytes;
    EXPECT_GE(count(svg, "data:image/png"), 2); // the cells and the colour bar
    EXPECT_EQ(count(svg, "data:image/jpeg"), 0);
}

// The context-extension figures (rope trained at L0 = 16, run at n = 64, yarn ×4, head_dim 8): the
// curves are the context-curves table's columns, the wavelengths its context table on a log axis.
TEST(ContextFigures, CurvesAndWavelengthsComeFromTheTables)
{
    Session s;
    s.positions = 64;
    s.scheme = "rope";
    s.params = {{"scaling", "yarn"}, {"factor", "4"}, {"original_max_position", "16"}};
    s.model.dModel = 8;
    s.model.heads = 1;
    s.view = FigureView::Context;
    const FigureContent curves = computeFigure(testLab(), s);
    EXPECT_TRUE(curves.isCurve);
    EXPECT_EQ(curves.table.what, "context-curves");
    ASSERT_EQ(curves.curve.series.size(), 5u); // none, linear, dynamic, yarn, llama3
    EXPECT_TRUE(curves.curve.series[3].name.startsWith("yarn ("));
    EXPECT_TRUE(curves.curve.series[3].emphasis);
    EXPECT_FALSE(curves.curve.series[0].emphasis);
    ASSERT_EQ(curves.curve.series[0].y.size(), 64u);
    // score_none(1) = cos 1 + cos 0.1 + cos 0.01 + cos 0.001
    EXPECT_NEAR(curves.curve.series[0].y[1], 3.5352559715628726, 1e-13);
    EXPECT_EQ(curves.curve.boundaries, std::vector<double>{16});
    EXPECT_TRUE(curves.title.contains("L0 = 16"));

    s.view = FigureView::Freqs;
    const FigureContent freqs = computeFigure(testLab(), s);
    EXPECT_EQ(freqs.table.what, "context");
    EXPECT_TRUE(freqs.curve.logValue);
    ASSERT_EQ(freqs.curve.series.size(), 2u);
    ASSERT_EQ(freqs.curve.series[1].y.size(), 4u);
    const double pi = 3.14159265358979323846;
    EXPECT_NEAR(freqs.curve.series[0].y[1], 20 * pi, 1e-12); // 2π/0.1
    EXPECT_NEAR(freqs.curve.series[1].y[1], 80 * pi, 1e-11); // interpolated: 4× longer
    EXPECT_NEAR(freqs.curve.series[1].y[0], 2 * pi, 1e-13);  // kept
    ASSERT_EQ(freqs.curve.levels.size(), 1u);
    EXPECT_EQ(freqs.curve.levels[0].first, 16);
    // Both render, as every format.
    for (FigureFormat f : {FigureFormat::Png, FigureFormat::Pdf, FigureFormat::Svg})
        EXPECT_FALSE(renderFigure(testLab(), s, f).bytes.isEmpty());
    s.scheme = "alibi";
    s.params = {};
    EXPECT_THROW(computeFigure(testLab(), s), Error);
}

// FIRE's Δ-curve has a column per query position and head (bias_i512_head0, …): a figure is about
// one head, so it draws that head's three curves, each from the curve table's own column, named by
// the query position (every head's would be 3 × heads lines under a legend taller than the plot).
TEST(CurveFigures, FireDrawsTheHeadOfTheFigure)
{
    Session s;
    s.positions = 24;
    s.scheme = "fire";
    s.model.heads = 4;
    s.head = 2;
    s.view = FigureView::DeltaCurve;
    const FigureContent f = computeFigure(testLab(), s);
    ASSERT_TRUE(f.isCurve);
    ASSERT_EQ(f.curve.series.size(), 3u);
    EXPECT_EQ(f.curve.series[0].name, QStringLiteral("query i = 512"));
    EXPECT_EQ(f.curve.series[2].name, QStringLiteral("query i = 8192"));
    const auto column = std::find(f.table.columns.begin(), f.table.columns.end(), "bias_i2048_head2");
    ASSERT_NE(column, f.table.columns.end());
    const std::size_t c = std::size_t(column - f.table.columns.begin());
    ASSERT_EQ(f.curve.series[1].y.size(), f.table.rows());
    for (std::size_t r = 0; r < f.table.rows(); ++r)
        EXPECT_EQ(f.curve.series[1].y[r], f.table.at(r, c)) << r;
}

// The encoding view's curves (issue 15, item 3): the first principal components of the positions
// over position and each position's norm, the numbers of the pe-components and pe-norms tables
// (whose values tests/core/test_tablestats.cpp checks against closed forms), drawn and kept in
// --data-out; the SVG and the PDF carry the curves and their legend.
TEST(ComponentsFigure, DrawsThePrincipalComponentsAndTheNormOverPosition)
{
    Session s;
    s.positions = 40;
    s.start = 5;
    s.scheme = "sinusoidal";
    s.model.dModel = 16;
    s.model.heads = 2;
    s.view = FigureView::PeComponents;
    const FigureContent c = computeFigure(testLab(), s);
    ASSERT_TRUE(c.isCurve);
    const auto scheme = makeScheme(s.scheme, s.params, s.model);
    const AbsoluteEncoding e = absoluteEncoding(*scheme, s.start, s.positions, false);
    ASSERT_EQ(e.components.cols(), 3);
    ASSERT_EQ(c.curve.series.size(), 3u);
    for (int k = 0; k < 3; ++k) {
        const widgets::CurveSeries& series = c.curve.series[std::size_t(k)];
        EXPECT_EQ(series.name, componentLabelIn("en", k, e.explained(k)));
        EXPECT_TRUE(series.name.startsWith(QStringLiteral("PC%1 (").arg(k + 1))) << series.name.toStdString();
        ASSERT_EQ(series.y.size(), 40u);
        for (int i = 0; i < 40; ++i) {
            EXPECT_EQ(series.x[std::size_t(i)], s.start + i);
            EXPECT_EQ(series.y[std::size_t(i)], e.components(i, k)) << i;
        }
    }
    // Shares of the variance, most first, adding up to at most 1.
    EXPECT_GT(e.explained(0), e.explained(1));
    EXPECT_LE(e.explained.sum(), 1 + 1e-12);
    ASSERT_EQ(c.curve.profileY.size(), 40u);
    for (int i = 0; i < 40; ++i)
        EXPECT_EQ(c.curve.profileY[std::size_t(i)], e.norms(i));
    EXPECT_EQ(c.curve.xLabel, "position i");
    EXPECT_TRUE(c.title.contains("principal components"));
    // --data-out: position, the components, the norm.
    EXPECT_EQ(c.table.columns, (std::vector<std::string>{"position", "pc1", "pc2", "pc3", "norm"}));
    ASSERT_EQ(c.table.shape, (std::vector<std::size_t>{40, 5}));
    EXPECT_EQ(c.table.at(3, 0), 8);
    EXPECT_EQ(c.table.at(3, 2), e.components(3, 1));
    EXPECT_EQ(c.table.at(3, 4), e.norms(3));

    const RenderedFigure svg = renderFigure(s, c, FigureFormat::Svg);
    EXPECT_TRUE(QSvgRenderer(svg.bytes).isValid());
    for (const char* text : {"PC1 (", "PC2 (", "PC3 (", "% of variance", "position i"})
        EXPECT_TRUE(svg.bytes.contains(text)) << text;
    // Three components and the norm: four lines of 40 points beside the axes' few.
    EXPECT_GE(count(svg.bytes, "<polyline"), 4) << svg.bytes.toStdString().substr(0, 4000);
    EXPECT_EQ(sessionFromJson(extractSession(svg.bytes).value_or(QByteArray())), s);

    // A relative scheme has no absolute encoding to draw.
    Session rope = s;
    rope.scheme = "rope";
    try {
        computeFigure(testLab(), rope);
        FAIL() << "rope has no absolute encoding";
    } catch (const Error& err) {
        EXPECT_NE(std::string(err.what()).find("rope"), std::string::npos) << err.what();
    }

    const QString pdftotext = QStandardPaths::findExecutable("pdftotext");
    if (pdftotext.isEmpty()) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
    QTemporaryDir dir;
    const QString path = dir.filePath("components.pdf");
    writeBytesAtomically(path, renderFigure(s, c, FigureFormat::Pdf).bytes);
    QProcess p;
    p.start(pdftotext, {path, "-"});
    ASSERT_TRUE(p.waitForFinished(30000));
    const QString text = QString::fromUtf8(p.readAllStandardOutput());
    for (int k = 0; k < 3; ++k)
        EXPECT_TRUE(text.contains(c.curve.series[std::size_t(k)].name)) << text.toStdString();
}
