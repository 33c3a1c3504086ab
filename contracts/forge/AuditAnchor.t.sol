// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AuditAnchor} from "../src/AuditAnchor.sol";
import {IAuditAnchor} from "../src/interfaces/IAuditAnchor.sol";
import {Assertions} from "./Base.sol";

contract AuditAnchorTest is Assertions {
    address internal constant PLATFORM = address(0x5157);
    address internal constant OTHER = address(0x07E4);
    bytes32 internal constant H1 = keccak256("head 1");
    bytes32 internal constant H2 = keccak256("head 2");

    AuditAnchor internal anchors;

    function setUp() public {
        anchors = new AuditAnchor();
        vm.warp(1_000);
    }

    function _one(uint16 chain, uint64 position, bytes32 hash)
        internal
        pure
        returns (uint16[] memory chains, uint64[] memory positions, bytes32[] memory hashes)
    {
        chains = new uint16[](1);
        positions = new uint64[](1);
        hashes = new bytes32[](1);
        chains[0] = chain;
        positions[0] = position;
        hashes[0] = hash;
    }

    function _anchor(address who, uint16 chain, uint64 position, bytes32 hash) internal {
        (uint16[] memory chains, uint64[] memory positions, bytes32[] memory hashes) = _one(chain, position, hash);
        vm.prank(who);
        anchors.anchor(chains, positions, hashes);
    }

    function test_anchor_storesTheHeadPerAnchorer() public {
        _anchor(PLATFORM, 3, 7, H1);
        IAuditAnchor.Head memory head = anchors.headOf(PLATFORM, 3);
        assertEq(head.position, 7, "position");
        assertEq(head.hash, H1, "hash");
        assertEq(head.anchoredAt, 1_000, "anchoredAt");
        assertEq(anchors.headOf(OTHER, 3).position, 0, "another anchorer's head");
        assertEq(anchors.headOf(PLATFORM, 4).position, 0, "another chain's head");
    }

    function test_anchor_movesForwardAndKeepsAnEqualHead() public {
        _anchor(PLATFORM, 1, 5, H1);
        vm.warp(2_000);
        _anchor(PLATFORM, 1, 5, H1);
        assertEq(anchors.headOf(PLATFORM, 1).anchoredAt, 1_000, "an equal head is left as it is");
        _anchor(PLATFORM, 1, 9, H2);
        assertEq(anchors.headOf(PLATFORM, 1).position, 9, "moved");
        assertEq(anchors.headOf(PLATFORM, 1).anchoredAt, 2_000, "anchoredAt moved");
    }

    function test_anchor_whenThePositionRegressed() public {
        _anchor(PLATFORM, 1, 5, H1);
        (uint16[] memory chains, uint64[] memory positions, bytes32[] memory hashes) = _one(1, 4, H2);
        vm.expectRevert(abi.encodeWithSelector(IAuditAnchor.AuditAnchorPositionRegressed.selector, PLATFORM, uint16(1), uint64(5), uint64(4)));
        vm.prank(PLATFORM);
        anchors.anchor(chains, positions, hashes);
    }

    function test_anchor_whenTheHashAtTheAnchoredPositionChanged() public {
        _anchor(PLATFORM, 1, 5, H1);
        (uint16[] memory chains, uint64[] memory positions, bytes32[] memory hashes) = _one(1, 5, H2);
        vm.expectRevert(abi.encodeWithSelector(IAuditAnchor.AuditAnchorHashChanged.selector, PLATFORM, uint16(1), uint64(5), H1, H2));
        vm.prank(PLATFORM);
        anchors.anchor(chains, positions, hashes);
    }

    function test_anchor_whenTheHeadIsEmpty() public {
        (uint16[] memory chains, uint64[] memory positions, bytes32[] memory hashes) = _one(2, 0, H1);
        vm.expectRevert(abi.encodeWithSelector(IAuditAnchor.AuditAnchorEmptyHead.selector, uint16(2)));
        anchors.anchor(chains, positions, hashes);
        (chains, positions, hashes) = _one(2, 1, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(IAuditAnchor.AuditAnchorEmptyHead.selector, uint16(2)));
        anchors.anchor(chains, positions, hashes);
    }

    function test_anchor_whenTheArraysDifferInLength() public {
        uint16[] memory chains = new uint16[](2);
        uint64[] memory positions = new uint64[](1);
        bytes32[] memory hashes = new bytes32[](2);
        vm.expectRevert(abi.encodeWithSelector(IAuditAnchor.AuditAnchorLengthMismatch.selector, 2, 1, 2));
        anchors.anchor(chains, positions, hashes);
        positions = new uint64[](2);
        hashes = new bytes32[](1);
        vm.expectRevert(abi.encodeWithSelector(IAuditAnchor.AuditAnchorLengthMismatch.selector, 2, 2, 1));
        anchors.anchor(chains, positions, hashes);
    }

    function test_headsOf_answersInTheOrderAsked() public {
        uint16[] memory chains = new uint16[](2);
        uint64[] memory positions = new uint64[](2);
        bytes32[] memory hashes = new bytes32[](2);
        chains[0] = 4;
        chains[1] = 0;
        positions[0] = 2;
        positions[1] = 3;
        hashes[0] = H1;
        hashes[1] = H2;
        vm.prank(PLATFORM);
        anchors.anchor(chains, positions, hashes);
        uint16[] memory asked = new uint16[](3);
        asked[0] = 0;
        asked[1] = 9;
        asked[2] = 4;
        IAuditAnchor.Head[] memory heads = anchors.headsOf(PLATFORM, asked);
        assertEq(heads.length, 3, "length");
        assertEq(heads[0].hash, H2, "chain 0");
        assertEq(heads[1].position, 0, "chain 9 never anchored");
        assertEq(heads[2].hash, H1, "chain 4");
    }
}
