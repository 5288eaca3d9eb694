// File › Open Model… and drops of a checkpoint (app/gui/modelfiles.h): the checkpoint's table
// replaces the seeded one in the views, the model takes its width and heads, a tensor with an
// unknown name is picked by hand, the session remembers the weights, and changed weights say so.

#include "cjk.h"
#include "guitest.h"
#include "layoutcheck.h"

#include "attentionbound.h"
#include "driver.h"
#include "mainwindow.h"
#include "modelfiles.h"
#include "sessionfiles.h"
#include "tensorfixtures.h"

#include <attention.h>
#include <error.h>
#include <language.h>
#include <scheme.h>
#include <weights.h>

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QMimeData>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QUrl>

#include <cmath>

using namespace poslab;
using namespace poslab::gui;
using poslab::test::f32Tensor;
using poslab::test::safetensorsOf;
using poslab::test::TempFolder;

namespace {

constexpr int kTimeoutMs = 30'000;

std::vector<double> ramp(int rows, int cols)
{
    std::vector<double> v;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            v.push_back(std::sin(0.3 * r + 0.7 * c)); // a table with a visible structure, exact enough in F32
    return v;
}

void writeGpt2(const TempFolder& dir)
{
    dir.write("config.json", R"({"model_type": "gpt2", "n_embd": 16, "n_head": 2, "n_positions": 24})");
    dir.write("model.safetensors", safetensorsOf({f32Tensor("wpe.weight", {24, 16}, ramp(24, 16))}));
}

bool waitForResult(MainWindow& window, QSignalSpy& results, const QString& why)
{
    if (results.isEmpty() && !results.wait(kTimeoutMs)) {
        qWarning("no result %s: %s", qPrintable(why), qPrintable(window.errorText()));
        return false;
    }
    return true;
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT
  private slots:
    void openingAModelFolderShowsItsTable()
    {
        TempFolder dir;
        writeGpt2(dir);
        MainWindow window;
        window.show();
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        QString error;
        QVERIFY2(window.modelFiles()->open(QString::fromStdString(dir.path()), &error), qPrintable(error));
        const LabRequest& r = window.driver()->lastRequest();
        QCOMPARE(r.scheme, std::string("learned"));
        QCOMPARE(r.weights.path, dir.path());
        QCOMPARE(r.model.dModel, 16);
        QCOMPARE(r.model.heads, 2);
        QCOMPARE(r.params.at("max_len"), std::string("24"));
        QVERIFY(r.model.causal); // GPT-2 is a decoder
        results.clear();
        QVERIFY(waitForResult(window, results, "after Open Model"));
        const auto result = results.takeLast().at(0).value<LabResult>();
        QVERIFY(result.run.scheme && result.run.scheme->model().loaded);
        QCOMPARE(result.run.scheme->model().loaded->prints().at(0).tensor, std::string("wpe.weight"));
        // The heatmap's numbers are the oracle's for the checkpoint's table (within the f32 engine's
        // derived bound), not the seeded table's.
        const int h = r.head;
        const Eigen::MatrixXd& shown = result.run.attention->heads[std::size_t(h)].probs;
        const AttentionResult oracle = referenceAttention(*result.run.scheme, *result.sequence);
        const auto bound = poslab::test::agreementBound(*result.plan, h, oracle.heads[std::size_t(h)], {});
        QCOMPARE(shown.rows(), Eigen::Index(result.n));
        QVERIFY(
            ((shown - oracle.heads[std::size_t(h)].probs).cwiseAbs().array() <= bound.probs.array()).all());
        ModelConfig seededModel = result.run.scheme->model();
        seededModel.loaded = nullptr;
        const auto seeded = makeScheme("learned", r.params, seededModel);
        const AttentionResult other = referenceAttention(*seeded, *result.sequence);
        QVERIFY(((shown - other.heads[std::size_t(h)].probs).cwiseAbs().array() > bound.probs.array()).any());
        // The scheme panel says where the table came from.
        bool named = false;
        for (QLabel* label : window.findChildren<QLabel*>())
            named = named || label->text().remove(QChar(0x200b)).contains(QStringLiteral("wpe.weight"));
        QVERIFY(named);
        // Back to the seeded table.
        QVERIFY(window.modelFiles()->seededAction()->isEnabled());
        window.modelFiles()->seededAction()->trigger();
        QVERIFY(window.driver()->lastRequest().weights.seeded());
        QVERIFY(!window.modelFiles()->seededAction()->isEnabled());
    }

    // The mask follows the model: a BERT encoder sees both ways even when the mask was on, a bare
    // table without config.json leaves it as the user set it.
    void theMaskFollowsTheModelsKind()
    {
        TempFolder bert;
        bert.write("config.json", R"({"model_type": "bert", "hidden_size": 16, "num_attention_heads": 2})");
        bert.write("model.safetensors", safetensorsOf({f32Tensor("bert.embeddings.position_embeddings.weight",
                                                                 {24, 16}, ramp(24, 16))}));
        TempFolder bare;
        bare.write("table.safetensors", safetensorsOf({f32Tensor("wpe.weight", {24, 16}, ramp(24, 16))}));
        MainWindow window;
        for (const bool before : {true, false}) {
            window.driver()->update([before](LabRequest& r) { r.model.causal = before; });
            QString error;
            QVERIFY2(window.modelFiles()->open(QString::fromStdString(bert.path()), &error), qPrintable(error));
            QCOMPARE(window.driver()->lastRequest().scheme, std::string("learned"));
            QVERIFY(!window.driver()->lastRequest().model.causal);
            window.driver()->update([before](LabRequest& r) { r.model.causal = before; });
            QVERIFY2(window.modelFiles()->open(QString::fromStdString(bare.path() + "/table.safetensors"), &error),
                     qPrintable(error));
            QCOMPARE(window.driver()->lastRequest().model.causal, before);
        }
    }

    void aTensorWithAnUnknownNameIsPickedByHand()
    {
        TempFolder dir;
        dir.write("x.safetensors", safetensorsOf({f32Tensor("mystery", {12, 8}, ramp(12, 8))}));
        MainWindow window;
        int asked = 0;
        window.modelFiles()->setPicker([&](const Checkpoint& c) -> std::optional<WeightSpec> {
            ++asked;
            if (c.files().size() != 1) return std::nullopt;
            WeightSpec spec;
            spec.tensors = {{"position_table", "mystery"}};
            return spec;
        });
        QString error;
        QVERIFY2(window.modelFiles()->open(QString::fromStdString(dir.file("x.safetensors")), &error),
                 qPrintable(error));
        QCOMPARE(asked, 1);
        const LabRequest& r = window.driver()->lastRequest();
        QCOMPARE(r.scheme, std::string("learned"));
        QCOMPARE(r.model.dModel, 8);
        QCOMPARE(r.weights.tensors.size(), std::size_t(1));
        QCOMPARE(r.weights.tensors[0].second, std::string("mystery"));

        // Cancelled: nothing changes and nothing is said.
        const LabRequest before = window.driver()->lastRequest();
        window.modelFiles()->setPicker([](const Checkpoint&) { return std::nullopt; });
        QSignalSpy failed(window.modelFiles(), &ModelFiles::failed);
        QVERIFY(!window.modelFiles()->open(QString::fromStdString(dir.file("x.safetensors"))));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(window.driver()->lastRequest().weights, before.weights);
    }

    // The dialog (TensorPickerDialog) offers every kind a scheme takes (weightRoles), and for each
    // role only the tensors whose shape fits it, with config.json's width: here GPT-2's layer under
    // names no checkpoint uses. What it returns is the WeightSpec --tensor and --layer build, and
    // opening with it shows GPT-2's layer (learned, its c_attn and ln_1 at the layer picked).
    void theDialogPicksEveryRoleAndTheLayerByShape()
    {
        TempFolder dir;
        dir.write("config.json", R"({"model_type": "gpt2", "n_embd": 8, "n_head": 2, "n_positions": 12})");
        dir.write(
            "model.safetensors",
            safetensorsOf({f32Tensor("pos", {12, 8}, ramp(12, 8)), f32Tensor("qkv", {8, 24}, ramp(8, 24)),
                           f32Tensor("qkv_b", {24}, ramp(1, 24)), f32Tensor("gain", {8}, ramp(1, 8)),
                           f32Tensor("shift", {8}, ramp(1, 8)), f32Tensor("wide", {12, 16}, ramp(12, 16)),
                           f32Tensor("buckets", {32, 2}, ramp(32, 2))}));
        const Checkpoint checkpoint = Checkpoint::open(dir.path());
        TensorPickerDialog dialog(checkpoint);
        QCOMPARE(dialog.kinds(), 6);
        // Only the shapes that fit: [*, 8] tables, c_attn [8, 24], its bias [24], vectors [8].
        QCOMPARE(dialog.candidates("position_table"), QStringList({"pos"}));
        QCOMPARE(dialog.candidates("c_attn_weight"), QStringList({"qkv"}));
        QCOMPARE(dialog.candidates("c_attn_bias"), QStringList({"qkv_b"}));
        QCOMPARE(dialog.candidates("ln_1_weight"), QStringList({"gain", "shift"}));
        QCOMPARE(dialog.candidates("q_proj"), QStringList({"pos"}));
        QCOMPARE(dialog.candidates("t5_bias"), QStringList({"pos", "qkv", "wide", "buckets"}));
        QCOMPARE(dialog.candidates("deberta_ln_bias"), QStringList({"gain", "shift"}));
        // The GPT-2 kind: its five rows and the layer shown, the others hidden.
        dialog.setKind(1);
        QVERIFY(dialog.complete());
        auto* form = dialog.findChild<QFormLayout*>();
        QVERIFY(form);
        const auto visible = [&](const char* role) {
            for (QComboBox* box : dialog.findChildren<QComboBox*>())
                if (form->labelForField(box) &&
                    static_cast<QLabel*>(form->labelForField(box))->text() == QLatin1String(role) + u':')
                    return form->isRowVisible(box);
            return false;
        };
        QVERIFY(visible("c_attn_weight") && visible("ln_1_bias") && visible("position_table"));
        QVERIFY(!visible("q_proj") && !visible("t5_bias") && !visible("deberta_rel"));
        QVERIFY(form->isRowVisible(dialog.findChild<QSpinBox*>()));
        QVERIFY(dialog.choose("ln_1_weight", "gain"));
        QVERIFY(dialog.choose("ln_1_bias", "shift"));
        QVERIFY(!dialog.choose("c_attn_weight", "pos")); // [12, 8] is no c_attn
        dialog.setLayer(3);
        const WeightSpec spec = dialog.spec();
        QCOMPARE(spec.layer, 3);
        using Named = std::vector<std::pair<std::string, std::string>>;
        QCOMPARE(spec.tensors, (Named{{"position_table", "pos"},
                                      {"c_attn_weight", "qkv"},
                                      {"c_attn_bias", "qkv_b"},
                                      {"ln_1_weight", "gain"},
                                      {"ln_1_bias", "shift"}}));
        // DeBERTa's LayerNorm may stay empty; T5's kind has no layer.
        dialog.setKind(4);
        QCOMPARE(dialog.spec().tensors, (Named{{"deberta_rel", "pos"}}));
        QVERIFY(dialog.choose("deberta_ln_weight", "gain"));
        QCOMPARE(dialog.spec().tensors.size(), std::size_t(2));
        dialog.setKind(2);
        QVERIFY(!form->isRowVisible(dialog.findChild<QSpinBox*>()));
        QCOMPARE(dialog.spec().layer, 0);

        // Through ModelFiles: the same spec, as --tensor and --layer would give it.
        MainWindow window;
        window.modelFiles()->setPicker([&](const Checkpoint&) -> std::optional<WeightSpec> { return spec; });
        QString error;
        QVERIFY2(window.modelFiles()->open(QString::fromStdString(dir.path()), &error), qPrintable(error));
        const LabRequest& r = window.driver()->lastRequest();
        QCOMPARE(r.scheme, std::string("learned"));
        QCOMPARE(r.weights.tensors, spec.tensors);
        QCOMPARE(r.weights.layer, 3);
        QCOMPARE(r.model.dModel, 8);
        QCOMPARE(r.model.heads, 2);
        const ModelConfig model = r.schemeModel();
        QVERIFY(model.loaded->find("c_attn_weight"));
        QCOMPARE(model.loaded->find("ln_1_bias")->print.tensor, std::string("shift"));
    }

    // Rendered in English and Chinese: nothing cut (layoutProblems), the Chinese one in Chinese.
    // POSLAB_PICKER_PNG=DIR keeps the pictures.
    void theDialogReadsInEveryLanguage()
    {
        TempFolder dir;
        dir.write("config.json", R"({"model_type": "gpt2", "n_embd": 8, "n_head": 2})");
        dir.write(
            "model.safetensors",
            safetensorsOf(
                {f32Tensor("transformer.embeddings.positions", {12, 8}, ramp(12, 8)),
                 f32Tensor("transformer.blocks.0.attention.qkv_projection.weight", {8, 24}, ramp(8, 24)),
                 f32Tensor("transformer.blocks.0.attention.qkv_projection.bias", {24}, ramp(1, 24)),
                 f32Tensor("transformer.blocks.0.norm_before_attention.weight", {8}, ramp(1, 8)),
                 f32Tensor("transformer.blocks.0.norm_before_attention.bias", {8}, ramp(1, 8))}));
        const Checkpoint checkpoint = Checkpoint::open(dir.path());
        for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(figure::setLanguage(language));
            TensorPickerDialog dialog(checkpoint);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            for (const int kind : {4, 5, 1}) { // DeBERTa's (none), RoPE's pair, GPT-2's five and the layer
                dialog.setKind(kind);
                const QStringList problems = poslab::test::layoutProblems(&dialog);
                QVERIFY2(problems.isEmpty(),
                         qPrintable(language + QStringLiteral(": ") + problems.join(u'\n')));
                if (const QByteArray keep = qgetenv("POSLAB_PICKER_PNG"); !keep.isEmpty())
                    QVERIFY(dialog.grab().save(
                        QDir(QString::fromLocal8Bit(keep))
                            .filePath(QStringLiteral("picker-%1-%2.png").arg(language).arg(kind))));
            }
            QCOMPARE(dialog.windowTitle().contains(QStringLiteral("Which")), language == QLatin1String("en"));
            if (language != QLatin1String("en")) QVERIFY(poslab::test::hasCjk(dialog.windowTitle()));
        }
        QVERIFY(figure::setLanguage(QStringLiteral("en")));
    }

    // An inputs file (x, w_q, w_k, w_v): the scheme shown stays, x is the sequence and its width the model's.
    void aLayersOwnInputsOpenInTheExplorer()
    {
        TempFolder dir;
        dir.write(
            "in.safetensors",
            safetensorsOf({f32Tensor("x", {5, 8}, ramp(5, 8)), f32Tensor("w_q", {8, 8}, ramp(8, 8)),
                           f32Tensor("w_k", {8, 8}, ramp(8, 8)), f32Tensor("w_v", {8, 8}, ramp(8, 8))}));
        MainWindow window;
        const std::string scheme = window.driver()->lastRequest().scheme;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        QString error;
        QVERIFY2(window.modelFiles()->open(QString::fromStdString(dir.file("in.safetensors")), &error),
                 qPrintable(error));
        const LabRequest& r = window.driver()->lastRequest();
        QVERIFY(r.weights.inputs);
        QCOMPARE(r.scheme, scheme);
        QCOMPARE(r.positions, 5);
        QCOMPARE(r.model.dModel, 8);
        results.clear();
        QVERIFY(waitForResult(window, results, "after opening inputs"));
        const auto result = results.takeLast().at(0).value<LabResult>();
        QCOMPARE(result.plan->content.rows(), Eigen::Index(5));
        QCOMPARE(result.plan->content(4, 7), double(float(std::sin(0.3 * 4 + 0.7 * 7))));
    }

    void aBadCheckpointIsOneLineAndChangesNothing()
    {
        TempFolder dir;
        dir.write("bad.safetensors",
                  poslab::test::safetensorsFile(R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})",
                                                std::string(8, '\0')));
        MainWindow window;
        const LabRequest before = window.driver()->lastRequest();
        QString error;
        QVERIFY(!window.modelFiles()->open(QString::fromStdString(dir.file("bad.safetensors")), &error));
        QVERIFY2(error.contains(QStringLiteral("has 8 bytes but its dtype F32 and shape [3] need 12")),
                 qPrintable(error));
        QVERIFY(!error.contains(u'\n'));
        QVERIFY(window.driver()->lastRequest().weights.seeded());
        QCOMPARE(window.driver()->lastRequest().scheme, before.scheme);
        QVERIFY(!window.modelFiles()->open(QString::fromStdString(dir.file("none")), &error));
        QVERIFY2(error.contains(QStringLiteral("no such file or folder")), qPrintable(error));
    }

    void droppingAModelFolderOpensIt()
    {
        TempFolder dir;
        writeGpt2(dir);
        MainWindow window;
        window.show();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(QString::fromStdString(dir.path()))});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QCOMPARE(window.driver()->lastRequest().weights.path, dir.path());
        QCOMPARE(window.driver()->lastRequest().scheme, std::string("learned"));
    }

    // Saved with the checkpoint, reopened: the same weights; changed on disk: the window says so.
    void aSessionRemembersTheWeightsAndNoticesChanges()
    {
        TempFolder dir;
        writeGpt2(dir);
        const QString session = QString::fromStdString(dir.file("s.poslab"));
        {
            MainWindow window;
            QSignalSpy results(window.driver(), &Driver::resultAvailable);
            QVERIFY(window.modelFiles()->open(QString::fromStdString(dir.path())));
            results.clear();
            QVERIFY(waitForResult(window, results, "before saving"));
            QString error;
            QVERIFY2(window.sessionFiles()->saveTo(session, &error), qPrintable(error));
        }
        QFile f(session);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray json = f.readAll();
        QVERIFY(json.contains("\"sha256\""));
        QVERIFY(json.contains("wpe.weight"));
        f.close();
        {
            MainWindow window;
            QSignalSpy results(window.driver(), &Driver::resultAvailable);
            QString error;
            QVERIFY2(window.sessionFiles()->open(session, &error), qPrintable(error));
            QCOMPARE(window.driver()->lastRequest().weights.path, dir.path());
            QVERIFY(!window.driver()->lastRequest().weights.expect.empty());
            QVERIFY(waitForResult(window, results, "after reopening"));
        }
        std::vector<double> other = ramp(24, 16);
        other[5] += 1.0;
        dir.write("model.safetensors", safetensorsOf({f32Tensor("wpe.weight", {24, 16}, other)}));
        {
            MainWindow window;
            window.show();
            QSignalSpy failed(window.driver(), &Driver::failed);
            QString error;
            window.sessionFiles()->open(session, &error);
            QVERIFY(failed.wait(kTimeoutMs) || !failed.isEmpty() || !error.isEmpty());
            const QString message = failed.isEmpty() ? error : failed.takeLast().at(0).toString();
            QVERIFY2(message.contains(QStringLiteral("has changed since the session was saved")),
                     qPrintable(message));
        }
    }
};

POSLAB_GUI_TEST(TestModels)
#include "tst_models.moc"
