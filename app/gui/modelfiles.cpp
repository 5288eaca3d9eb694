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
#include <QSpinBox>
#include <QVBoxLayout>
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

// What a checkpoint can hold, as the dialog offers it: the roles one scheme takes (schemeWeightRoles),
// those it cannot do without first, and whether they are a layer's.
struct PickableKind
{
    const char* title;
    std::vector<std::string> roles, optional;
    bool layer = false;
};
const std::vector<PickableKind>& pickableKinds()
{
    static const std::vector<PickableKind> kinds = {
        {QT_TRANSLATE_NOOP("poslab::gui::TensorPickerDialog", "A learned position table (learned)"),
         {"position_table"},
         {}},
        {QT_TRANSLATE_NOOP("poslab::gui::TensorPickerDialog",
                           "A GPT-2 layer: position table, ln_1 and c_attn (learned)"),
         {"position_table", "c_attn_weight", "c_attn_bias", "ln_1_weight", "ln_1_bias"},
         {},
         true},
        {QT_TRANSLATE_NOOP("poslab::gui::TensorPickerDialog", "T5 encoder bias (t5)"), {"t5_bias"}, {}},
        {QT_TRANSLATE_NOOP("poslab::gui::TensorPickerDialog", "T5 decoder bias, one-directional (t5)"),
         {"t5_decoder_bias"},
         {}},
        {QT_TRANSLATE_NOOP("poslab::gui::TensorPickerDialog",
                           "DeBERTa relative embeddings, LayerNorm optional (deberta)"),
         {"deberta_rel"},
         {"deberta_ln_weight", "deberta_ln_bias"}},
        {QT_TRANSLATE_NOOP("poslab::gui::TensorPickerDialog", "A RoPE layer: q_proj and k_proj (rope)"),
         {"q_proj", "k_proj"},
         {},
         true}};
    return kinds;
}

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

// Whether the checkpoint's names already say what it holds: no need to ask.
bool knownRoles(const Checkpoint& c)
{
    return c.role("position_table") || c.role("t5_bias") || c.role("t5_decoder_bias") ||
           c.role("deberta_rel") || (c.role("q_proj") && c.role("k_proj")) || hasInputs(c);
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
                                  const std::vector<std::pair<std::string, std::string>>& tensors, int layer)
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
    r.weights.layer = layer;
    r.weights.inputs = inputs;
    if (inputs && !named("position_table") && !named("t5_bias") && !named("t5_decoder_bias")) {
        // the scheme shown stays; only the numbers it runs on change
    } else if (named("position_table")) {
        r.params.clear();
        r.scheme = "learned";
        // GPT-2 is a decoder (its attention is causal); BERT-family encoders see both ways. A bare
        // table without config.json says neither: the mask stays as the user set it.
        const std::string type = checkpoint.settings() ? checkpoint.settings()->modelType : std::string();
        if (named("c_attn_weight") || type == "gpt2")
            r.model.causal = true;
        else if (!type.empty())
            r.model.causal = false;
    } else if (named("deberta_rel")) {
        r.params.clear(); // buckets and max position from config.json
        r.scheme = "deberta";
        r.model.causal = false; // an encoder
    } else if (named("q_proj") && named("k_proj")) {
        r.params.clear(); // the layer's own RoPE settings follow from config.json
        r.scheme = "rope";
        r.model.causal = true; // LLaMA-family models are decoders
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
        const QString file = QString::fromStdString(quoteInput(path, kQuotedNameChars));
        throw Error((found.empty()
                         ? tr("%1: no position table, T5 bias, DeBERTa relative embeddings, q/k projections or "
                              "layer inputs (x, w_q, w_k, w_v)")
                               .arg(file)
                         : tr("%1: no position table, T5 bias, DeBERTa relative embeddings, q/k projections or "
                              "layer inputs (x, w_q, w_k, w_v); it has %2, which the explorer does not "
                              "show yet")
                               .arg(file, QString::fromStdString(found)))
                        .toStdString());
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
        WeightSpec picked;
        if (!knownRoles(checkpoint)) {
            const auto chosen = m_picker(checkpoint);
            if (!chosen) return false; // cancelled: nothing changes, nothing to say
            picked = *chosen;
        }
        m_driver->request(requestFor(checkpoint, p, m_driver->lastRequest(), picked.tensors, picked.layer));
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

TensorPickerDialog::TensorPickerDialog(const Checkpoint& checkpoint, QWidget* parent)
    : QDialog(parent), m_path(checkpoint.path())
{
    // The note above the rows, the buttons below: the dialog takes the size the rows of the kind
    // shown need (the wrapped note's height for the width included), again whenever the kind hides
    // or shows rows.
    auto* column = new QVBoxLayout(this);
    column->setSizeConstraint(QLayout::SetFixedSize);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    column->addWidget(m_note);
    m_form = new QFormLayout;
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    column->addLayout(m_form);
    m_kind = new QComboBox(this);
    m_kindLabel = new QLabel(this);
    m_kindLabel->setBuddy(m_kind);
    m_form->addRow(m_kindLabel, m_kind);
    m_layer = new QSpinBox(this);
    m_layer->setRange(0, 100000);
    m_layerLabel = new QLabel(this);
    m_layerLabel->setBuddy(m_layer);
    m_form->addRow(m_layerLabel, m_layer);
    // Every role any kind takes, once, in weightRoles' order; a kind shows its own rows.
    const std::optional<long long> width =
        checkpoint.settings() ? checkpoint.settings()->hiddenSize : std::nullopt;
    for (const auto& [role, text] : weightRoles()) {
        auto* box = new QComboBox(this);
        // Shape and dtype first: a long name is cut at its end, never what decides the choice.
        int longest = 0;
        for (const TensorFile& file : checkpoint.files())
            for (const TensorInfo& t : file.index().tensors)
                if (t.readable() && roleFits(role, t.shape, width)) {
                    const QString item =
                        QString::fromStdString("[" + shapeText(t.shape) + "] " + t.dtype + "  " + t.name);
                    box->addItem(item, QString::fromStdString(t.name));
                    box->setItemData(box->count() - 1, item, Qt::ToolTipRole);
                    longest = std::max(longest, int(item.size()));
                }
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(std::clamp(longest, 24, 64));
        // A role some kind may leave out (DeBERTa's LayerNorm) starts empty: its first entry says so.
        for (const PickableKind& kind : pickableKinds())
            if (std::find(kind.optional.begin(), kind.optional.end(), role) != kind.optional.end() &&
                (box->count() == 0 || !box->itemData(0).toString().isEmpty()))
                box->insertItem(0, QString(), QString());
        box->setCurrentIndex(0);
        m_form->addRow(QString::fromStdString(role + ":"), box);
        m_roles.emplace_back(role, box);
    }
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    column->addWidget(m_buttons);
    for (std::size_t k = 0; k < pickableKinds().size(); ++k)
        m_kind->addItem(QString());
    // The first kind the checkpoint has tensors for.
    for (int k = 0; k < kinds(); ++k) {
        m_kind->setCurrentIndex(k);
        if (complete()) break;
        if (k == kinds() - 1) m_kind->setCurrentIndex(0);
    }
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] { update(); });
    retranslate();
}

int TensorPickerDialog::kinds() const
{
    return int(pickableKinds().size());
}

void TensorPickerDialog::setKind(int kind)
{
    m_kind->setCurrentIndex(kind);
}

int TensorPickerDialog::kind() const
{
    return m_kind->currentIndex();
}

QStringList TensorPickerDialog::candidates(const std::string& role) const
{
    QStringList names;
    for (const auto& [r, box] : m_roles)
        if (r == role)
            for (int k = 0; k < box->count(); ++k)
                if (!box->itemData(k).toString().isEmpty()) names << box->itemData(k).toString();
    return names;
}

bool TensorPickerDialog::choose(const std::string& role, const std::string& tensor)
{
    for (const auto& [r, box] : m_roles)
        if (r == role) {
            const int at = box->findData(QString::fromStdString(tensor));
            if (at >= 0) box->setCurrentIndex(at);
            return at >= 0;
        }
    return false;
}

void TensorPickerDialog::setLayer(int layer)
{
    m_layer->setValue(layer);
}

bool TensorPickerDialog::complete() const
{
    const PickableKind& kind = pickableKinds()[std::size_t(std::max(0, m_kind->currentIndex()))];
    for (const std::string& role : kind.roles)
        if (candidates(role).isEmpty()) return false;
    return true;
}

WeightSpec TensorPickerDialog::spec() const
{
    const PickableKind& kind = pickableKinds()[std::size_t(std::max(0, m_kind->currentIndex()))];
    WeightSpec spec;
    spec.path = m_path;
    for (const auto& [role, box] : m_roles) {
        const bool wanted =
            std::find(kind.roles.begin(), kind.roles.end(), role) != kind.roles.end() ||
            std::find(kind.optional.begin(), kind.optional.end(), role) != kind.optional.end();
        const QString name = box->currentData().toString();
        if (wanted && !name.isEmpty()) spec.tensors.emplace_back(role, name.toStdString());
    }
    spec.layer = kind.layer ? m_layer->value() : 0;
    return spec;
}

void TensorPickerDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    QDialog::changeEvent(event);
}

void TensorPickerDialog::retranslate()
{
    setWindowTitle(tr("Which tensor is which?"));
    m_kindLabel->setText(tr("&Holds:"));
    m_layerLabel->setText(tr("&Layer:"));
    for (int k = 0; k < kinds(); ++k)
        m_kind->setItemText(k, tr(pickableKinds()[std::size_t(k)].title));
    for (const auto& [role, box] : m_roles)
        for (int k = 0; k < box->count(); ++k)
            if (box->itemData(k).toString().isEmpty()) box->setItemText(k, tr("(none)"));
    update();
}

void TensorPickerDialog::update()
{
    const PickableKind& kind = pickableKinds()[std::size_t(std::max(0, m_kind->currentIndex()))];
    const auto in = [](const std::vector<std::string>& list, const std::string& role) {
        return std::find(list.begin(), list.end(), role) != list.end();
    };
    for (const auto& [role, box] : m_roles)
        m_form->setRowVisible(box, in(kind.roles, role) || in(kind.optional, role));
    m_form->setRowVisible(m_layer, kind.layer);
    const QString path = QString::fromStdString(m_path);
    m_note->setText(
        complete() ? tr("No tensor of %1 has a name PosLab knows. Pick what it holds and which "
                        "tensor plays each part; only tensors whose shape fits are offered.")
                         .arg(path)
                   : tr("%1 has no floating-point tensor whose shape fits every part of this.").arg(path));
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(complete());
    layout()->activate(); // rows shown get their height now, not at the next event loop turn
}

std::optional<WeightSpec> pickTensorDialog(const Checkpoint& checkpoint, QWidget* parent)
{
    TensorPickerDialog dialog(checkpoint, parent);
    if (dialog.exec() != QDialog::Accepted) return std::nullopt;
    return dialog.spec();
}

} // namespace poslab::gui
