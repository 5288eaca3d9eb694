#pragma once

#include <lab.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QSpinBox;
class QLabel;

namespace poslab::gui {

class Driver;
class ExplorerState;

// The scheme picker, a parameter form generated from core's ParamSpec list (so a new scheme needs
// no GUI code), and the model: d_model, heads, the head shown, encoder/decoder, seed, λ, temperature.
class SchemePanel : public QWidget
{
    Q_OBJECT
  public:
    SchemePanel(Driver* driver, ExplorerState* state, QWidget* parent = nullptr);

    void setScheme(const QString& name);            // ignored when unknown
    QWidget* paramField(const QString& name) const; // the generated editor, for tests
    int paramCount() const { return static_cast<int>(m_paramFields.size()); }
    QDoubleSpinBox* lambdaField() const { return m_lambda; }
    QComboBox* schemeBox() const { return m_scheme; }

  protected:
    void changeEvent(QEvent* event) override; // LanguageChange: retranslate()

  private:
    void retranslate();
    static QString paramToolTip(const ParamSpec& spec);
    void buildParamForm(const std::string& scheme, const RawParams& values);
    void showRequest(const LabRequest& request);
    void setParam(const std::string& name, const std::string& value);

    Driver* m_driver;
    ExplorerState* m_state;
    std::string m_formScheme; // the scheme the form was built for
    QComboBox* m_scheme = nullptr;
    QFormLayout* m_paramForm = nullptr;
    std::vector<std::pair<QString, QWidget*>> m_paramFields;
    QSpinBox* m_dModel = nullptr;
    QSpinBox* m_heads = nullptr;
    QSpinBox* m_head = nullptr;
    QComboBox* m_mode = nullptr;
    QSpinBox* m_seed = nullptr;
    QDoubleSpinBox* m_lambda = nullptr;
    QDoubleSpinBox* m_temperature = nullptr;
    QLabel* m_weights = nullptr; // where the scheme's tables come from
    QGroupBox* m_schemeBox = nullptr;
    QGroupBox* m_modelBox = nullptr;
    QFormLayout* m_modelForm = nullptr;
};

// The one-paragraph tooltip of a scheme: title, kind (default: the registry's; an instance's from
// schemeKindLabel), formula, paper, notes (rich text).
QString schemeToolTip(const SchemeInfo& info, const std::string& kind = {});

} // namespace poslab::gui
