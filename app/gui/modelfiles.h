#pragma once

#include <checkpoint.h>
#include <request.h>

#include <QObject>
#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <utility>

class QAction;
class QMenu;
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

    // Which tensor plays which role, asked of the user: nullopt when cancelled.
    using Picker = std::function<std::optional<std::pair<std::string, std::string>>(const Checkpoint&)>;
    void setPicker(Picker picker) { m_picker = std::move(picker); }

    // The request that shows `checkpoint` (opened from `path`) over `current`: the scheme its tables
    // belong to (learned for a position table; rope for a layer's q/k projections, with the
    // config's RoPE settings; t5 for T5's bias, the decoder's one-directional and causal; an inputs
    // file keeps the scheme), the width, heads and parameters it implies. Error when it has nothing PosLab
    // can show.
    static LabRequest requestFor(const Checkpoint& checkpoint, const std::string& path,
                                 const LabRequest& current,
                                 const std::vector<std::pair<std::string, std::string>>& tensors = {});

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

// The dialog behind the default picker: a role and one of the checkpoint's 2-D tensors.
std::optional<std::pair<std::string, std::string>> pickTensorDialog(const Checkpoint& checkpoint,
                                                                    QWidget* parent);

} // namespace poslab::gui
