#pragma once

#include <checkpoint.h>
#include <request.h>
#include <weights.h>

#include <QDialog>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <utility>

class QAction;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QMenu;
class QSpinBox;
class QWidget;

namespace poslab::gui {

class Driver;

// File › Open Model… and drops of a model folder or a .safetensors/.npy file: the checkpoint's
// position table (or T5's bias) replaces the seeded one in every view. Nothing here computes: the
// request names the checkpoint (LabRequest::weights) and the Lab loads it like any other input.
class ModelFiles : public QObject
{
    Q_OBJECT
  public:
    ModelFiles(Driver* driver, QWidget* window);

    void addActions(QMenu* file); // Open Model…, Use Seeded Weights
    void retranslate();           // the actions' texts, in the current language

    // A folder, or a file whose content says safetensors/NPY (by suffix: .safetensors, .npy).
    static bool canOpen(const QString& path);

    // Opens `path` and sends the request that shows it. When no tensor has a name PosLab knows, the
    // picker asks which tensor is which (a dialog; tests set their own). False, with `error` and
    // `failed`, when it cannot be opened; nothing changes then.
    bool open(const QString& path, QString* error = nullptr);

    // Which tensors play which roles, and the layer, asked of the user: WeightSpec::tensors and
    // ::layer, as --tensor and --layer fill them (the path is open's); nullopt when cancelled.
    using Picker = std::function<std::optional<WeightSpec>(const Checkpoint&)>;
    void setPicker(Picker picker) { m_picker = std::move(picker); }

    // The request that shows `checkpoint` (opened from `path`) over `current`: the scheme its tables
    // belong to (learned for a position table; rope for a layer's q/k projections, with the
    // config's RoPE settings; t5 for T5's bias, the decoder's one-directional and causal; an inputs
    // file keeps the scheme), the width, heads and parameters it implies. Error when it has nothing PosLab
    // can show.
    static LabRequest requestFor(const Checkpoint& checkpoint, const std::string& path,
                                 const LabRequest& current,
                                 const std::vector<std::pair<std::string, std::string>>& tensors = {},
                                 int layer = 0);

    QAction* openAction() const { return m_open; }
    QAction* seededAction() const { return m_seeded; }

  signals:
    void opened(const QString& path);
    void failed(const QString& message);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override; // drops onto the window

  private:
    Driver* m_driver;
    QWidget* m_window;
    QAction* m_open = nullptr;
    QAction* m_seeded = nullptr;
    Picker m_picker;
};

// The dialog behind the default picker: what the checkpoint holds (one entry per scheme's set of
// roles, weightRoles(): a position table, a GPT-2 layer, T5's biases, DeBERTa's table and its
// optional LayerNorm, a RoPE layer's q_proj and k_proj), then a tensor for each role among those
// whose shape fits it (roleFits, with config.json's width), each shown with its shape and dtype,
// and the layer where the roles are a layer's.
class TensorPickerDialog : public QDialog
{
    Q_OBJECT
  public:
    explicit TensorPickerDialog(const Checkpoint& checkpoint, QWidget* parent = nullptr);

    int kinds() const;
    void setKind(int kind);
    int kind() const;
    QStringList candidates(const std::string& role) const; // tensor names offered for the role
    bool choose(const std::string& role, const std::string& tensor);
    void setLayer(int layer);
    bool complete() const;   // every role of the kind has a tensor
    WeightSpec spec() const; // tensors and layer chosen

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void retranslate();
    void update();

    std::string m_path;
    QFormLayout* m_form = nullptr;
    QLabel* m_note = nullptr;
    QLabel* m_kindLabel = nullptr;
    QComboBox* m_kind = nullptr;
    QLabel* m_layerLabel = nullptr;
    QSpinBox* m_layer = nullptr;
    std::vector<std::pair<std::string, QComboBox*>> m_roles;
    QDialogButtonBox* m_buttons = nullptr;
};

std::optional<WeightSpec> pickTensorDialog(const Checkpoint& checkpoint, QWidget* parent);

} // namespace poslab::gui
