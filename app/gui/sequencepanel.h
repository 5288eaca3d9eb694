#pragma once

#include <lab.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;

namespace poslab::gui {

class Driver;

// The sequence: text, tokenizer, "positions only" (λ = 0), and the tokens as chips with their
// positions. Edits go to the driver; the chips show what the last result was computed on.
class SequencePanel : public QWidget
{
    Q_OBJECT
  public:
    SequencePanel(Driver* driver, QWidget* parent = nullptr);

    void setText(const QString& text);
    void setTokenizer(TokenizerMode mode);
    void setPositionsOnly(bool on);
    QString chipsText() const; // the chips as plain text, "0 The · 1 cat · …"
    int tokenCount() const { return m_count; }

    QPlainTextEdit* textEdit() const { return m_text; }

  protected:
    void changeEvent(QEvent* event) override; // LanguageChange: retranslate()

  private:
    void retranslate();
    void showPlaceholder(); // for m_positions bare positions, or none
    void showRequest(const LabRequest& request);
    void showTokens(const std::vector<std::string>& labels);

    Driver* m_driver;
    QPlainTextEdit* m_text = nullptr;
    QComboBox* m_tokenizer = nullptr;
    QCheckBox* m_positionsOnly = nullptr;
    QLabel* m_countLabel = nullptr;
    QLabel* m_chips = nullptr;
    QLabel* m_tokenizerLabel = nullptr;
    QLabel* m_textLabel = nullptr;
    QStringList m_chipTexts;
    std::vector<std::string> m_labels; // the tokens shown
    int m_count = 0;
    int m_positions = 0; // bare positions of the request shown (0: a text)
};

} // namespace poslab::gui
