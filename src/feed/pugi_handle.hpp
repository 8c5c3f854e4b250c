// SPDX-License-Identifier: MIT
// Null tests of pugixml node handles, inline (private to src/feed). pugixml is linked from
// Debian's static archive, without link-time inlining, so `if (node)` is a call into the
// library for one pointer test, made a few hundred thousand times on a large feed.
// present() reads the handle's pointer, which pugixml.hpp declares protected, through a
// pointer to member taken in a derived class: plain C++, with no knowledge of the library's
// private structures. (An attribute handle's pointer is private: those tests stay calls.)
#pragma once

#include <pugixml.hpp>

namespace archiver::feed::detail {
namespace pugi_handle {

struct Node : pugi::xml_node {
    static constexpr auto root = &Node::_root; // pugi::xml_node_struct* pugi::xml_node::*
};

} // namespace pugi_handle

// The same as `static_cast<bool>(node)`.
inline bool present(const pugi::xml_node& node) noexcept {
    return node.*pugi_handle::Node::root != nullptr;
}

} // namespace archiver::feed::detail
