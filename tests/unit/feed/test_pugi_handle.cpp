// SPDX-License-Identifier: MIT
#include "feed/pugi_handle.hpp"

#include <catch2/catch.hpp>

using archiver::feed::detail::present;

TEST_CASE("present() agrees with pugixml's own null test on every node", "[feed][pugi]") {
    CHECK_FALSE(present(pugi::xml_node()));
    pugi::xml_document doc;
    REQUIRE(doc.load_string("<a x='1'><b/>text<c><d/></c><!--n--></a>",
                            pugi::parse_default | pugi::parse_comments));
    CHECK(present(doc));
    std::size_t seen = 0;
    // Every node of the tree, then the empty handles past its ends.
    for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling()) {
        for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
            CHECK(present(c) == static_cast<bool>(c));
            CHECK(present(c.first_child()) == static_cast<bool>(c.first_child()));
            CHECK(present(c.next_sibling()) == static_cast<bool>(c.next_sibling()));
            ++seen;
        }
        CHECK(present(n));
        CHECK_FALSE(present(n.next_sibling()));
        CHECK_FALSE(present(n.parent().parent()));
    }
    CHECK(seen == 4);
    CHECK_FALSE(present(doc.child("missing")));
    CHECK(present(doc.child("a").child("c").child("d")));
}
