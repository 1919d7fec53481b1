// The language of maps and the report: Dutch by default (the users' reports are
// Dutch), English on request. Terminal tables stay English, as before.
#pragma once

#include <string>

namespace regiomap {

enum class Language { nl, en };

// The text in the language asked for; both are written at the call, so a
// reader sees the pair together.
inline const char* in_language(Language language, const char* dutch, const char* english) {
    return language == Language::nl ? dutch : english;
}
inline std::string in_language(Language language, const std::string& dutch, const std::string& english) {
    return language == Language::nl ? dutch : english;
}

// `text` with its first letter in upper case, for a title that starts with a name
// written in lower case mid-sentence ("zorgkantoor regions (Wlz)" heading a section).
// Only ASCII letters change: every title we start a sentence with begins with one.
inline std::string sentence_start(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

}  // namespace regiomap
