#include "figuretest.h"

#include <embed.h>
#include <error.h>
#include <figure.h>

#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace poslab;
using namespace poslab::figure;
using namespace poslab::figure::test;

TEST(Export, PngPixelsAreMillimetresTimesDpi)
{
    Session s = sampleSession();
    s.style.widthMm = kOneColumnMm;
    s.style.heightMm = 60;
    s.style.dpi = 300;
    const RenderedFigure png = renderFigure(testLab(), s, FigureFormat::Png);
    const QImage image = QImage::fromData(png.bytes, "png");
    EXPECT_EQ(image.width(), 1004); // 85 mm × 300 / 25.4
    EXPECT_EQ(image.height(), 709);
    EXPECT_EQ(image.dotsPerMeterX(), qRound(300 / 0.0254));

    s.view = FigureView::Heads;
    s.style.widthMm = kTwoColumnMm;
    s.style.heightMm = 0; // automatic: square cells
    s.style.dpi = 150;
    const RenderedFigure heads = renderFigure(testLab(), s, FigureFormat::Png);
    EXPECT_EQ(QImage::fromData(heads.bytes, "png").width(), 1033);
    EXPECT_EQ(heads.pixels.height(), qRound(heads.sizeMm.height() * 150 / 25.4));
}

TEST(Export, PdfKeepsLabelsAsText)
{
    const QString pdftotext = QStandardPaths::findExecutable("pdftotext");
    if (pdftotext.isEmpty()) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
    QTemporaryDir dir;
    const QString path = dir.filePath("f.pdf");
    exportFigure(testLab(), sampleSession(), FigureFormat::Pdf, path);
    QProcess p;
    p.start(pdftotext, {path, "-"});
    ASSERT_TRUE(p.waitForFinished(30000));
    const QString text = QString::fromUtf8(p.readAllStandardOutput());
    for (const char* word : {"query i", "key j", "attention probability", "Figure 1", "cat", "sat", "mat"})
        EXPECT_TRUE(text.contains(QLatin1String(word))) << word << " missing from:\n" << text.toStdString();
}

TEST(Export, SvgIsValidAndKeepsLabelsAsText)
{
    const RenderedFigure svg = renderFigure(testLab(), sampleSession(), FigureFormat::Svg);
    QSvgRenderer renderer(svg.bytes);
    EXPECT_TRUE(renderer.isValid());
    for (const char* label : {">cat</text>", ">sat</text>", ">query i</text>", ">key j</text>"})
        EXPECT_TRUE(svg.bytes.contains(label)) << label;
    EXPECT_TRUE(svg.bytes.contains("width=\"85.00mm\""));
}

TEST(Export, EveryFigureCarriesItsSessionAndRerendersTheSame)
{
    QTemporaryDir dir;
    const Session s = sampleSession();
    const QByteArray png = renderFigure(testLab(), s, FigureFormat::Png).bytes;
    for (FigureFormat format : {FigureFormat::Png, FigureFormat::Pdf, FigureFormat::Svg}) {
        const QString path = dir.filePath(QStringLiteral("f%1").arg(int(format)));
        exportFigure(testLab(), s, format, path);
        const Session back = loadSession(path);
        EXPECT_EQ(back, s) << int(format);
        EXPECT_EQ(renderFigure(testLab(), back, FigureFormat::Png).bytes, png) << int(format);
        EXPECT_EQ(computeFigure(testLab(), back).table.data, computeFigure(testLab(), s).table.data);
    }
}

TEST(Export, FailedExportLeavesNothing)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("missing/dir/f.png");
    EXPECT_THROW(exportFigure(testLab(), sampleSession(), FigureFormat::Png, path), Error);
    EXPECT_FALSE(QFileInfo::exists(path));
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

TEST(Export, ViewsAndData)
{
    QTemporaryDir dir;
    Session s = sampleSession();
    s.view = FigureView::Heads;
    FigureContent heads = computeFigure(testLab(), s);
    EXPECT_EQ(heads.maps.size(), 2u);
    EXPECT_EQ(heads.table.shape, (std::vector<std::size_t>{12, 6})); // two heads stacked
    s.view = FigureView::DeltaCurve;
    const FigureContent curve = computeFigure(testLab(), s);
    EXPECT_TRUE(curve.isCurve);
    EXPECT_EQ(curve.table.columns.back(), "mean_attention_head1");
    EXPECT_FALSE(renderFigure(s, curve, FigureFormat::Pdf).bytes.isEmpty());
    writeFigureData(curve, dir.filePath("c.json"));
    EXPECT_TRUE(readAll(dir.filePath("c.json")).contains("mean_attention_head1"));
    EXPECT_THROW(writeFigureData(curve, dir.filePath("c.txt")), Error);
    s.view = FigureView::Heads;
    s.matrix = "bucket";
    EXPECT_THROW(computeFigure(testLab(), s), Error);
}
