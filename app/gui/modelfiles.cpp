#include "modelfiles.h"

#include "driver.h"

#include <error.h>
#include <weights.h>

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QWidget>

#include <algorithm>

namespace poslab::gui {

namespace {

QString localModelOf(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1) return {};
    const QUrl url = mime->urls().constFirst();
    return url.isLocalFile() && ModelFiles::canOpen(url.toLocalFile()) ? url.toLocalFile() : QString();
}

// The roles a picked tensor can play, with the scheme that shows it.
const std::vector<std::pair<std::string, std::string>> kPickableRoles = {
    {"position_table", "learned"}, {"t5_bias", "t5"}, {"t5_decoder_bias", "t5"}};

// One layer's own numbers (an inputs file): x and the projections replace the toy content and weights.
bool hasInputs(const Checkpoint& c)
{
    return std::all_of(inputRoles().begin(), inputRoles().end(),
                       [&c](const std::string& r) { return c.has(r); });
}

std::string shapeText(const std::vector<std::uint64_t>& shape)
{
    std::string s;
    for (const std::uint64_t d : shape)
        s += (s.empty() ? "" : " \u00d7 ") + std::to_string(d);
    return s;
}

} // namespace

ModelFiles::ModelFiles(Driver* driver, QWidget* window)
    : QObject(window), m_driver(driver), m_window(window),
      m_picker([window](const Checkpoint& c) { return pickTensorDialog(c, window); })
{
    m_open = new QAction(this);
    m_open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_open, &QAction::triggered, this, [this] {
        QFileDialog dialog(m_window, tr("Open Model"));
        dialog.setFileMode(QFileDialog::ExistingFile);
        dialog.setNameFilters({tr("Weights (*.safetensors *.npy)"), tr("Model folder config (config.json)"),
                               tr("All files (*)")});
        if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return;
        QString path = dialog.selectedFiles().constFirst();
        // Choosing a folder's config.json (or index) opens the folder: its weights and settings.
        const QFileInfo info(path);
        if (info.fileName() == QLatin1String("config.json") ||
            info.fileName().endsWith(QLatin1String(".index.json")))
            path = info.absolutePath();
        open(path);
    });
    m_seeded = new QAction(this);
    m_seeded->setEnabled(false);
    retranslate();
    connect(m_seeded, &QAction::triggered, this,
            [this] { m_driver->update([](LabRequest& r) { r.weights = {}; }); });
    connect(m_driver, &Driver::requestChanged, this,
            [this](const LabRequest& r) { m_seeded->setEnabled(!r.weights.seeded()); });
    window->installEventFilter(this);
}

void ModelFiles::retranslate()
{
    m_open->setText(tr("Open &Model\u2026"));
    m_open->setStatusTip(tr("Show the positions a real model learned: a model folder (config.json + "
                            "safetensors) or a .safetensors/.npy file"));
    m_seeded->setText(tr("Use &Seeded Weights"));
    m_seeded->setStatusTip(tr("Back to the seeded toy model's tables"));
}

void ModelFiles::addActions(QMenu* file)
{
    file->addAction(m_open);
    file->addAction(m_seeded);
}

bool ModelFiles::canOpen(const QString& path)
{
    const QFileInfo info(path);
    return info.isDir() || info.suffix() == QLatin1String("safetensors") ||
           info.suffix() == QLatin1String("npy");
}

LabRequest ModelFiles::requestFor(const Checkpoint& checkpoint, const std::string& path,
                                  const LabRequest& current,
                                  const std::vector<std::pair<std::string, std::string>>& tensors)
{
    const auto named = [&](const std::string& role) {
        for (const auto& [r, name] : tensors)
            if (r == role) return true;
        return checkpoint.role(role) != nullptr;
    };
    const bool inputs = hasInputs(checkpoint);
    LabRequest r = current;
    r.weights = {};
    r.weights.path = path;
    r.weights.tensors = tensors;
    r.weights.inputs = inputs;
    if (inputs && !named("position_table") && !named("t5_bias") && !named("t5_decoder_bias")) {
        // the scheme shown stays; only the numbers it runs on change
    } else if (named("position_table")) {
        r.params.clear();
        r.scheme = "learned";
    } else if (named("deberta_rel")) {
        r.params.clear(); // buckets and max position from config.json
        r.scheme = "deberta";
    } else if (named("q_proj") && named("k_proj")) {
        r.params.clear(); // the layer's own RoPE settings follow from config.json
        r.scheme = "rope";
    } else if (named("t5_bias")) {
        r.params.clear();
        r.scheme = "t5";
        r.model.causal = false;
    } else if (named("t5_decoder_bias")) {
        r.params.clear();
        r.scheme = "t5";
        r.params["bidirectional"] = "false";
        r.model.causal = true;
    } else {
        std::string found;
        for (const TensorRole& role : checkpoint.roles())
            found += (found.empty() ? "" : ", ") + role.role;
        throw Error(quoteInput(path, kQuotedNameChars) +
                    ": no position table, T5 bias, DeBERTa relative embeddings, q/k projections or layer "
                    "inputs (x, w_q, w_k, w_v)" +
                    (found.empty() ? std::string()
                                   : " (it has " + found + ", which the explorer does not show yet)"));
    }
    const auto loaded = loadWeights(r.weights, schemeWeightRoles(r.scheme));
    const WeightDefaults d = weightDefaults(*loaded, r.scheme);
    if (d.dModel) r.model.dModel = *d.dModel;
    if (d.heads) r.model.heads = *d.heads;
    for (const auto& [key, value] : d.params)
        r.params[key] = value;
    if (d.positions) { // x is the sequence
        r.text.clear();
        r.positions = *d.positions;
    } else if (r.text.empty() && r.positions == 0) {
        // Nothing typed yet: bare positions, as many as the table has up to 64.
        r.positions = 64;
        for (const auto& [key, value] : d.params)
            if (key == "max_len") r.positions = std::min(r.positions, std::stoi(value));
    }
    if (r.head >= r.model.heads) r.head = 0;
    return r;
}

bool ModelFiles::open(const QString& path, QString* error)
{
    const auto fail = [&](const QString& message) {
        if (error) *error = message;
        emit failed(message);
        return false;
    };
    try {
        const std::string p = path.toStdString();
        const Checkpoint checkpoint = Checkpoint::open(p);
        std::vector<std::pair<std::string, std::string>> tensors;
        const bool known = checkpoint.role("position_table") || checkpoint.role("t5_bias") ||
                           checkpoint.role("t5_decoder_bias") ||
                           (checkpoint.role("q_proj") && checkpoint.role("k_proj")) || hasInputs(checkpoint);
        if (!known) {
            const auto picked = m_picker(checkpoint);
            if (!picked) return false; // cancelled: nothing changes, nothing to say
            tensors.push_back(*picked);
        }
        m_driver->request(requestFor(checkpoint, p, m_driver->lastRequest(), tensors));
    } catch (const FieldError& e) {
        return fail(QString::fromStdString(e.render([](const std::string& f) { return coreFieldName(f); })));
    } catch (const Error& e) {
        return fail(QString::fromStdString(e.what()));
    }
    emit opened(path);
    return true;
}

bool ModelFiles::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::DragEnter) {
        auto* drag = static_cast<QDragEnterEvent*>(event);
        if (localModelOf(drag->mimeData()).isEmpty()) return false; // a session's, perhaps
        drag->acceptProposedAction();
        return true;
    }
    if (watched == m_window && event->type() == QEvent::Drop) {
        auto* drop = static_cast<QDropEvent*>(event);
        const QString path = localModelOf(drop->mimeData());
        if (path.isEmpty()) return false;
        drop->acceptProposedAction();
        open(path);
        return true;
    }
    return QObject::eventFilter(watched, event);
}

std::optional<std::pair<std::string, std::string>> pickTensorDialog(const Checkpoint& checkpoint,
                                                                    QWidget* parent)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(QObject::tr("Which tensor is which?"));
    auto* form = new QFormLayout(&dialog);
    auto* note =
        new QLabel(QObject::tr("No tensor of %1 has a name PosLab knows. Pick the tensor and what it holds.")
                       .arg(QString::fromStdString(checkpoint.path())),
                   &dialog);
    note->setWordWrap(true);
    form->addRow(note);
    auto* tensor = new QComboBox(&dialog);
    for (const TensorFile& file : checkpoint.files())
        for (const TensorInfo& t : file.index().tensors)
            if (t.readable() && t.shape.size() == 2)
                tensor->addItem(
                    QString::fromStdString(t.name + "  [" + shapeText(t.shape) + ", " + t.dtype + "]"),
                    QString::fromStdString(t.name));
    auto* role = new QComboBox(&dialog);
    for (const auto& [name, scheme] : kPickableRoles)
        for (const auto& [known, text] : weightRoles())
            if (known == name) role->addItem(QString::fromStdString(text), QString::fromStdString(name));
    form->addRow(QObject::tr("&Tensor:"), tensor);
    form->addRow(QObject::tr("&Holds:"), role);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Open)->setEnabled(tensor->count() > 0);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (tensor->count() == 0)
        note->setText(QObject::tr("%1 has no 2-D floating-point tensor PosLab could show.")
                          .arg(QString::fromStdString(checkpoint.path())));
    if (dialog.exec() != QDialog::Accepted) return std::nullopt;
    return std::pair(role->currentData().toString().toStdString(),
                     tensor->currentData().toString().toStdString());
}

} // namespace poslab::gui
