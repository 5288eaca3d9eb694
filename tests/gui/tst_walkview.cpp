#include "guitest.h"

#include "explain.h"
#include "lessonsview.h"
#include "walkformat.h"
#include "walkview.h"

#include <QDir>
#include <QHelpEvent>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QToolTip>

#include <cmath>
#include <limits>
#include <set>

using namespace poslab;
using namespace poslab::widgets;

namespace {

Walk ropeWalk()
{
    const ModelConfig model;
    return explain(*makeScheme("rope", {}, model), Sequence::positions(12), 0, 8, 3);
}

int stepIndex(const Walk& walk, const std::string& title)
{
    for (int k = 0; k < static_cast<int>(walk.steps.size()); ++k)
        if (walk.steps[k].title == title) return k;
    return -1;
}

Quantity matrix(int rows, int cols)
{
    Quantity q{"m", Eigen::MatrixXd::Constant(rows, cols, 0.5), {}, {}, {}};
    for (int r = 0; r < rows; ++r)
        q.rowLabels.push_back("r" + std::to_string(r));
    return q;
}

// Screenshots for a look by eye: POSLAB_WALK_PNG=/tmp test_walk writes /tmp/walkview-<name>.png.
void saveShot(QWidget& w, const QString& name)
{
    const QString dir = qEnvironmentVariable("POSLAB_WALK_PNG");
    if (!dir.isEmpty())
        QVERIFY(w.grab().save(QDir(dir).filePath(QStringLiteral("walkview-%1.png").arg(name))));
}

} // namespace

class TestWalkFormat : public QObject
{
    Q_OBJECT
  private slots:
    void number_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("4 digits") << 0.0955617 << QStringLiteral("0.09556");
        QTest::newRow("integer") << -5.0 << QStringLiteral("-5");
        QTest::newRow("short") << 1.2 << QStringLiteral("1.2");
        QTest::newRow("large") << 12345.6 << QStringLiteral("1.235e+04");
        QTest::newRow("negative zero") << -0.0 << QStringLiteral("0");
        QTest::newRow("rounds to -0") << -1e-300 << QStringLiteral("-1e-300");
        QTest::newRow("masked") << -std::numeric_limits<double>::infinity() << QStringLiteral("−∞");
        QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << QStringLiteral("∞");
        QTest::newRow("nan") << std::nan("") << QStringLiteral("NaN");
    }
    void number()
    {
        QFETCH(double, value);
        QFETCH(QString, expected);
        QCOMPARE(formatNumber(value), expected);
    }

    void vectors()
    {
        const double three[] = {0.2, 0.4, 0.6};
        QCOMPARE(vectorText(three, 3), QStringLiteral("(0.2, 0.4, 0.6)"));
        QCOMPARE(vectorText(three, 1), QStringLiteral("0.2"));
        std::vector<double> long64(64);
        for (int k = 0; k < 64; ++k)
            long64[k] = k;
        QCOMPARE(vectorText(long64.data(), 64), QStringLiteral("(0, 1, 2, 3, 4, 5, 6, 7, … 64 values)"));
        QCOMPARE(vectorText(long64.data(), 8), QStringLiteral("(0, 1, 2, 3, 4, 5, 6, 7)"));
    }

    void quantityKinds()
    {
        const QuantityCells text = quantityCells({"rel_pos", {}, {}, {}, "128 × 128, int64"});
        QCOMPARE(text.kind, QuantityKind::Text);
        QCOMPARE(text.inlineText, QStringLiteral("128 × 128, int64"));
        const QuantityCells scalar = quantityCells({"Δ", Eigen::MatrixXd::Constant(1, 1, 3.0), {}, {}, {}});
        QCOMPARE(scalar.kind, QuantityKind::Scalar);
        QCOMPARE(scalar.inlineText, QStringLiteral("3"));
        QVERIFY(!scalar.truncated());

        Quantity v{"e_i", Eigen::MatrixXd(1, 64), {}, {}, {}};
        for (int k = 0; k < 64; ++k)
            v.value(0, k) = k + 0.5;
        const QuantityCells vec = quantityCells(v);
        QCOMPARE(vec.kind, QuantityKind::Vector);
        QVERIFY(vec.inlineText.endsWith(QStringLiteral("7.5, … 64 values)")));
        QVERIFY(vec.truncated());
        QVERIFY(vec.fullText.contains(QStringLiteral("63.5")));      // every value in the tooltip
        QVERIFY(vec.fullText.contains(QStringLiteral("[56] 56.5"))); // 8 per line, indexed
    }

    void matrices()
    {
        const Walk rope = ropeWalk();
        const int k = stepIndex(rope, "Rotation angles");
        QVERIFY(k >= 0);
        const QuantityCells angles = quantityCells(rope.steps[k].results[0]);
        QCOMPARE(angles.kind, QuantityKind::Matrix);
        QCOMPARE(angles.columnHeaders, (QStringList{"θ_c", "i·θ_c", "j·θ_c", "Δ·θ_c"}));
        QCOMPARE(angles.rowHeaders.size(), 8);
        QCOMPARE(angles.rowHeaders[2], QStringLiteral("c = 2"));
        QCOMPARE(angles.rows[0], (QStringList{"1", "8", "3", "-5"}));
        QCOMPARE(angles.rows[1][1], QStringLiteral("2.53"));
        QVERIFY(!angles.truncated());

        const QuantityCells big = quantityCells(matrix(20, 10));
        QCOMPARE(big.rows.size(), 16);
        QCOMPARE(big.columnHeaders.size(), 8);
        QCOMPARE(big.hiddenRows, 4);
        QCOMPARE(big.hiddenColumns, 2);
        QVERIFY(big.fullText.contains(QStringLiteral("r19: ")));
        // A 1 × 1 value with a label is a table (the score terms of a scheme with one term).
        QCOMPARE(quantityCells(matrix(1, 1)).kind, QuantityKind::Matrix);
    }

    void stepData()
    {
        const Walk seed = seedArticleWalk();
        QCOMPARE(stepCells(seed.steps[0]), (QList<QPoint>{QPoint(4, 1)})); // x = j, y = i
        QCOMPARE(stepDeltas(seed.steps[0]), QList<int>{3});
        QCOMPARE(stepListLabel(seed.steps[0], 0), QStringLiteral("1. Offset"));
        QCOMPARE(stepListLabel(seed.steps[1], 1), QStringLiteral("2. Δ-embedding  ⚠"));

        const QString flagged = stepHtml(seed.steps[2]);
        QVERIFY(flagged.contains(QStringLiteral("Does not add up")));
        QVERIFY(flagged.contains(QStringLiteral("(1.2, 1.4, 1.6)"))); // the correction
        QVERIFY(flagged.contains(QStringLiteral("(0.2, 1.4, 2.6, 3.6, 4.6, 5)")));
        QVERIFY(!stepHtml(seed.steps[0]).contains(QStringLiteral("Does not add up")));

        // Tooltip indices run over inputs, then results.
        const Walk rope = ropeWalk();
        const Step& rotate = rope.steps[stepIndex(rope, "Rotate q and k")];
        QVERIFY(quantityToolTip(rotate, 0).startsWith(QStringLiteral("q_i (16 values)")));
        QVERIFY(quantityToolTip(rotate, 2).startsWith(QStringLiteral("q̃_i (16 values)")));
        QVERIFY(quantityToolTip(rotate, 4).isEmpty()); // a scalar
        QVERIFY(quantityToolTip(rotate, 99).isEmpty());
    }

    // The seed walk quotes the article (issue 16): each line verbatim, escaped, in its own box above the
    // formula; a walk without quotes shows none.
    void quotes()
    {
        const Walk seed = seedArticleWalk();
        for (const Step& step : seed.steps) {
            const QString quote = quoteHtml(step);
            QVERIFY(stepHtml(step).startsWith(quote));
            QVERIFY(quote.contains(QStringLiteral("Article:")));
            const QStringList lines = QString::fromStdString(step.quote).split(QLatin1Char('\n'));
            QVERIFY(!lines.isEmpty());
            for (const QString& line : lines)
                QVERIFY2(quote.contains(line.toHtmlEscaped()), qPrintable(line));
            QCOMPARE(quote.count(QStringLiteral("<br/>")), lines.size() - 1);
        }
        QVERIFY(quoteHtml(seed.steps[0]).contains(QStringLiteral("对于位置1和位置4，计算相对位置差异：<br/>\\Delta_1 = 4 - 1 = 3")));
        QVERIFY(quoteHtml(seed.steps[5]).contains(QStringLiteral("relative_pos_enc * pos_mask")));
        const Walk rope = ropeWalk();
        for (const Step& step : rope.steps) {
            QVERIFY(quoteHtml(step).isEmpty());
            QVERIFY(!stepHtml(step).contains(QStringLiteral("Article:")));
        }
    }
};
POSLAB_GUI_TEST(TestWalkFormat)

class TestWalkView : public QObject
{
    Q_OBJECT
  private slots:
    void seedWalk()
    {
        const Walk seed = seedArticleWalk();
        WalkView view;
        QSignalSpy steps(&view, &WalkView::stepChanged);
        QSignalSpy cells(&view, &WalkView::cellsHighlighted);
        QSignalSpy deltas(&view, &WalkView::deltasHighlighted);
        view.setWalk(seed);

        auto* list = view.findChild<QListWidget*>(QStringLiteral("walkSteps"));
        QVERIFY(list);
        QCOMPARE(view.stepCount(), static_cast<int>(seed.steps.size()));
        QCOMPARE(list->count(), static_cast<int>(seed.steps.size()));
        for (int k = 0; k < list->count(); ++k) {
            QCOMPARE(list->item(k)->data(Qt::UserRole).toBool(), seed.steps[k].flagged);
            QCOMPARE(list->item(k)->text().contains(QStringLiteral("⚠")), seed.steps[k].flagged);
            QCOMPARE(list->item(k)->toolTip().contains(QStringLiteral("Does not add up")),
                     seed.steps[k].flagged);
        }
        QCOMPARE(view.currentStep(), 0);
        QCOMPARE(steps.size(), 1);
        QCOMPARE(steps.last().at(0).toInt(), 0);
        QCOMPARE(cells.last().at(0).value<QList<QPoint>>(), (QList<QPoint>{QPoint(4, 1)}));
        QCOMPARE(deltas.last().at(0).value<QList<int>>(), QList<int>{3});
        QCOMPARE(view.findChild<QLabel*>(QStringLiteral("walkStepTitle"))->text(), QStringLiteral("Offset"));
        // The article's lines are in the body, as text a reader can select.
        const QString body = view.findChild<QTextBrowser*>(QStringLiteral("walkBody"))->toPlainText();
        QVERIFY2(body.contains(QStringLiteral("对于位置1和位置4，计算相对位置差异：")), qPrintable(body));
        QVERIFY(body.indexOf(QStringLiteral("\\Delta_1 = 4 - 1 = 3")) < body.indexOf(QStringLiteral("Δ = j − i")));
        view.resize(700, 520);
        view.setStep(3); // the longest quote: one line of the article's code
        saveShot(view, QStringLiteral("seed-quote"));
    }

    // View › Language sends LanguageChange: the view's own words are set again, on the same step.
    void languageChangeKeepsTheStep()
    {
        WalkView view;
        view.setWalk(seedArticleWalk());
        view.setStep(2);
        QSignalSpy steps(&view, &WalkView::stepChanged);
        QEvent change(QEvent::LanguageChange);
        QCoreApplication::sendEvent(&view, &change);
        QCOMPARE(view.currentStep(), 2);
        QCOMPARE(steps.size(), 1); // shown again
        QCOMPARE(view.findChild<QPushButton*>(QStringLiteral("walkNext"))->text(), QStringLiteral("Next ▶"));
        QVERIFY(view.findChild<QTextBrowser*>(QStringLiteral("walkBody"))
                    ->toPlainText()
                    .contains(QStringLiteral("最后，将相对位置编码与原始位置编码相加")));
    }

    void navigation()
    {
        WalkView view;
        view.setWalk(seedArticleWalk());
        QSignalSpy steps(&view, &WalkView::stepChanged);
        auto* next = view.findChild<QPushButton*>(QStringLiteral("walkNext"));
        auto* previous = view.findChild<QPushButton*>(QStringLiteral("walkPrevious"));
        QVERIFY(!previous->isEnabled());
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(view.currentStep(), 1);
        QCOMPARE(steps.last().at(0).toInt(), 1);
        QCOMPARE(view.findChild<QListWidget*>(QStringLiteral("walkSteps"))->currentRow(), 1);
        QTest::mouseClick(previous, Qt::LeftButton);
        QCOMPARE(view.currentStep(), 0);
        QCOMPARE(steps.size(), 2);
        view.previousStep(); // already at the first step: nothing
        QCOMPARE(steps.size(), 2);
        view.setStep(100);
        QCOMPARE(view.currentStep(), view.stepCount() - 1);
        QVERIFY(!next->isEnabled());
        view.findChild<QListWidget*>(QStringLiteral("walkSteps"))->setCurrentRow(3);
        QCOMPARE(steps.last().at(0).toInt(), 3);

        // The same walk for another cell keeps the step; a walk of another length starts over.
        view.setWalk(seedArticleWalk());
        QCOMPARE(view.currentStep(), 3);
        Walk moved = seedArticleWalk();
        moved.steps.pop_back();
        view.setWalk(moved);
        QCOMPARE(view.currentStep(), 0);
        view.setStep(3);
        view.setWalk(ropeWalk()); // as many steps as the seed walk, but other ones
        QCOMPARE(view.currentStep(), 0);
        view.setWalk(Walk{});
        QCOMPARE(view.currentStep(), -1);
        QCOMPARE(steps.last().at(0).toInt(), -1);
    }

    void keyboard()
    {
        WalkView view;
        view.setWalk(seedArticleWalk());
        view.show();
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(view.currentStep(), 1);
        QTest::keyClick(&view, Qt::Key_PageDown);
        QCOMPARE(view.currentStep(), 2);
        QTest::keyClick(&view, Qt::Key_Left);
        QCOMPARE(view.currentStep(), 1);
        QTest::keyClick(&view, Qt::Key_PageUp);
        QCOMPARE(view.currentStep(), 0);
        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.currentStep(), view.stepCount() - 1);
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.currentStep(), 0);
        view.setKeysEnabled(false); // a window-wide action has the keys (presentation mode)
        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.currentStep(), 0);
    }

    void longVectorTooltip()
    {
        WalkView view;
        const Walk rope = ropeWalk();
        view.setWalk(rope);
        view.setStep(stepIndex(rope, "Content vectors"));
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* body = view.findChild<QTextBrowser*>(QStringLiteral("walkBody"));
        QVERIFY(body->toPlainText().contains(QStringLiteral("… 64 values)")));
        QTextCursor link = body->document()->find(QStringLiteral("64 values"));
        QVERIFY(!link.isNull());
        const QPoint pos = body->cursorRect(link).center() - QPoint(4, 0);
        QHelpEvent help(QEvent::ToolTip, pos, body->viewport()->mapToGlobal(pos));
        QApplication::sendEvent(body->viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY(QToolTip::text().startsWith(QStringLiteral("e_i (64 values)")));
        QToolTip::hideText();
    }

    void paints()
    {
        WalkView view;
        const Walk seed = seedArticleWalk();
        view.setWalk(seed);
        view.setStep(2); // step 3: flagged, with vectors
        view.resize(900, 620);
        const QImage image = view.grab().toImage();
        std::set<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, "the panel looks blank");
        saveShot(view, QStringLiteral("seed-step3"));
        view.setStep(3);
        saveShot(view, QStringLiteral("seed-step4"));

        const Walk rope = ropeWalk();
        view.setWalk(rope);
        view.setStep(stepIndex(rope, "Rotation angles"));
        saveShot(view, QStringLiteral("rope-angles"));
        view.setStep(stepIndex(rope, "Rotate q and k"));
        saveShot(view, QStringLiteral("rope-rotate"));
        view.setStep(stepIndex(rope, "Score"));
        saveShot(view, QStringLiteral("rope-score"));
        view.resize(460, 700);
        view.setOrientation(Qt::Vertical);
        saveShot(view, QStringLiteral("rope-score-narrow"));
    }

    void lessonsView()
    {
        LessonsView view;
        QSignalSpy activated(&view, &LessonsView::lessonActivated);
        view.setLessons(
            {QStringLiteral("1. One"), QStringLiteral("2. Two"), QStringLiteral("3. Three")},
            {QStringLiteral("First text."), QStringLiteral("Second <text>."), QStringLiteral("Third.")});
        auto* list = view.findChild<QListWidget*>(QStringLiteral("lessonList"));
        auto* text = view.findChild<QTextBrowser*>(QStringLiteral("lessonText"));
        QCOMPARE(list->count(), 3);
        QCOMPARE(view.currentLesson(), 0);
        QVERIFY(text->toPlainText().contains(QStringLiteral("First text.")));
        view.setCurrentLesson(1);
        QVERIFY(text->toPlainText().contains(QStringLiteral("Second <text>."))); // plain text, escaped
        QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("lessonOpen")), Qt::LeftButton);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.last().at(0).toInt(), 1);
        list->setCurrentRow(2);
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(activated.last().at(0).toInt(), 2);
        view.setLessons({}, {});
        QCOMPARE(view.currentLesson(), -1);
        QVERIFY(!view.findChild<QPushButton*>(QStringLiteral("lessonOpen"))->isEnabled());
    }
};
POSLAB_GUI_TEST(TestWalkView)

#include "tst_walkview.moc"
