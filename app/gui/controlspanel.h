#pragma once

#include "labrequest.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace poslab::gui {

// The form that edits a LabRequest: sequence text, tokenizer, scheme, what to show, head, causal.
// Emits requestChanged() once per user edit or setRequest().
class ControlsPanel : public QWidget
{
    Q_OBJECT
  public:
    explicit ControlsPanel(QWidget* parent = nullptr);

    LabRequest request() const;
    void setRequest(const LabRequest& request);

    void setText(const QString& text);
    void setScheme(const QString& name); // ignored when unknown
    void setWhat(What what);
    void setHead(int head);
    void setCausal(bool causal);
    void setTokenizer(TokenizerMode mode);

  signals:
    void requestChanged();

  private:
    void fillSchemes();
    void updateSchemeTip();

    ModelConfig m_model; // settings without a control yet keep their values
    RawParams m_params;
    QLineEdit* m_text = nullptr;
    QComboBox* m_tokenizer = nullptr;
    QComboBox* m_scheme = nullptr;
    QComboBox* m_what = nullptr;
    QSpinBox* m_head = nullptr;
    QCheckBox* m_causal = nullptr;
};

} // namespace poslab::gui
